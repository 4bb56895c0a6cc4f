@radiation @proton @ESCC-25100 @JESD57 @ECSS-E-ST-10-12C
Feature: Proton single-event effects and accumulated dose
  Protons upset a device through nuclear reactions rather than direct ionisation, so their
  cross-section is quoted per energy, not per LET; a proton run also deposits total dose
  (D = 1.602e-5 · LET · Φ rad(Si)), which a long run makes large enough to matter. The sample runs
  its memory test while the beam delivers each energy's fluence (ECSS-E-ST-10-12C §9.4.2: up to
  the highest energy of the environment; 200 MeV for indirect ionisation, 67 MeV where dose and
  single events are combined; three energies or more, e.g. 30, 67 and 200 MeV, to draw σ(E)). The
  flux keeps single events resolved (at most a few upsets a second on the reference part). A functional
  interrupt is recovered and counted with the beam closed; its cross-section is judged against the limit
  the Examples state, with the limit's source.
  After the run, the parametrics are judged against the post-irradiation limits at the dose the
  beam deposited.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered at its nominal supply voltages
    And the DUT parametrics before irradiation are recorded once its supply current changes by less than 0.1 mA over 5 min, waiting at most 1 h
    And the DUT runs its memory test

  Scenario Outline: <energy> protons to <fluence>
    Given each particle beam run ends at <fluence> or after <events> events, at a flux of <flux>
    When the particle beam irradiates the DUT with <energy> protons, counting upsets and functional interrupts
    Then the upset cross-section is at most <upset limit>, a limit from "<upset limit source>"
    And the functional interrupt cross-section is at most <interrupt limit>, a limit from "<limit source>"
    And the DUT parametrics at the dose the beam deposited are within the DUT profile limits
    And the DUT passes its functional test

    Examples:
      | energy  | fluence    | events | flux        | upset limit   | upset limit source                                                     | interrupt limit | limit source                                                   |
      | 30 MeV  | 1e11 p/cm² | 100    | 1e8 p/cm²/s | 1e-14 cm²/bit | the SEU allocation of the mission, per bit (example value, replace it) | 1e-10 cm²       | the SEFI allocation of the mission (example value, replace it) |
      | 67 MeV  | 1e11 p/cm² | 100    | 1e8 p/cm²/s | 1e-14 cm²/bit | the SEU allocation of the mission, per bit (example value, replace it) | 1e-10 cm²       | the SEFI allocation of the mission (example value, replace it) |
      | 200 MeV | 1e11 p/cm² | 100    | 1e8 p/cm²/s | 1e-14 cm²/bit | the SEU allocation of the mission, per bit (example value, replace it) | 1e-10 cm²       | the SEFI allocation of the mission (example value, replace it) |
