@payload @ai-inference @ESCC-25100 @JESD57
Feature: AI inference against a golden model under irradiation
  The sample runs AI inference and its agent compares every result with the golden model's: a
  mismatch is silent data corruption; a hang is a functional interrupt, recovered (soft reset, else
  power cycle) with the beam closed, after which inference resumes. Heavy-ion runs give the silent
  data corruption and functional interrupt cross-sections per fluence at each LET; a proton run
  also accumulates total dose, under which commercial memories (HBM) have been seen to corrupt
  results after about 2 krad(Si) (the inference error ratio of the whole run is judged). Limits and
  beam conditions are parameters. An error ratio is judged on its one-sided 95 % upper bound, so a run
  must check at least 3.0/limit inferences without error to show its limit (about 30,000 for 1e-4,
  1,500 s at 20 inferences/s): the proton flux sets that time for the fluence, and so the dose.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered at its nominal supply voltages
    And the DUT runs AI inference against its golden model

  Scenario Outline: Heavy ions at LET <LET>: silent data corruption and functional interrupts per fluence
    Given each particle beam run ends at <fluence> or after <events> events, at a flux of <flux>
    When the particle beam irradiates the DUT with ions of LET <LET> at <tilt>, counting inference mismatches and functional interrupts
    Then the silent data corruption cross-section is at most <corruption limit>, a limit from "<corruption limit source>"
    And the functional interrupt cross-section is at most <interrupt limit>, a limit from "<limit source>"
    And the DUT passes its functional test

    Examples:
      | LET             | tilt | fluence      | events | flux           | corruption limit | corruption limit source                                       | interrupt limit | limit source                                                   |
      | 20.4 MeV·cm²/mg | 0°   | 1e7 ions/cm² | 100    | 1e4 ions/cm²/s | 1e-6 cm²         | the SDC allocation of the mission (example value, replace it) | 1e-5 cm²        | the SEFI allocation of the mission (example value, replace it) |
      | 62.5 MeV·cm²/mg | 0°   | 1e7 ions/cm² | 100    | 1e4 ions/cm²/s | 1e-6 cm²         | the SDC allocation of the mission (example value, replace it) | 1e-5 cm²        | the SEFI allocation of the mission (example value, replace it) |

  Scenario Outline: <energy> protons to <fluence>: inference errors as dose accumulates
    Given each particle beam run ends at <fluence> or after <events> events, at a flux of <flux>
    When the particle beam irradiates the DUT with <energy> protons, counting inference mismatches and functional interrupts
    Then the inference error ratio is at most <error ratio>, a limit from "<error ratio source>"
    And the functional interrupt cross-section is at most <interrupt limit>, a limit from "<limit source>"
    And the DUT passes its functional test

    Examples:
      | energy | fluence    | events | flux        | error ratio | error ratio source                                                        | interrupt limit | limit source                                                   |
      | 67 MeV | 5e10 p/cm² | 100    | 3e7 p/cm²/s | 1e-4        | the inference-error allocation of the mission (example value, replace it) | 1e-10 cm²       | the SEFI allocation of the mission (example value, replace it) |
