@radiation @see @ESCC-25100 @JESD57 @ASTM-F1192 @ECSS-E-ST-10-12C
Feature: Heavy-ion single-event upsets and functional interrupts
  The powered sample runs its memory test (march and scrub, every corrected upset counted) while the
  particle beam irradiates it, one run per LET and tilt. Each run ends at its fluence or once enough
  events were counted, whichever comes first (JESD57, ESCC 25100). The cross-section is
  σ = N / (Φ·cos θ) with its Poisson confidence interval, and the zero-event upper bound when
  nothing was seen; the effective LET is LET / cos θ. A Weibull curve fitted across the runs gives
  the LET threshold and the saturation cross-section, judged against the limits in the Examples
  (ECSS-E-ST-10-12C §9.5.2). The LETs are those of a typical heavy-ion cocktail: the bench picks
  the facility's ion within 10 % of each LET, so another facility's cocktail can replace the table.
  A functional interrupt (the DUT stops responding) is recovered by a soft reset, else by a power
  cycle, and counted; the beam is closed while the DUT is recovered. Functional interrupts are
  measured at several LETs, each run judged against its limit and that limit's source.
  Every run reports its ion, energy and range in silicon, and whether the range along the tilted
  path covers the depth of the DUT's sensitive volume (ECSS-E-ST-10-12C §9.4.2: the range must cover
  the whole sensitive volume; the depth, overlayers included, is the DUT's, from its construction
  analysis). The flux is low enough that the monitor resolves single events: at the highest LET tens
  of upsets a second against a memory scrub and counter read-out every second, and functional
  interrupts far apart compared with the DUT's recovery (space-qualification.md §2: 10²–10⁵ ions/cm²/s).

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered at its nominal supply voltages
    And the DUT runs its memory test
    And each ion's range in silicon must reach 30 µm below the die surface, the depth of the DUT's sensitive volume

  Scenario Outline: Upset cross-section versus LET, its threshold and its saturation
    Given each particle beam run ends at <fluence> or after <events> events, at a flux of <flux>
    When the particle beam irradiates the DUT at each LET and tilt of the table, counting upsets:
      | LET             | tilt |
      | 1.3 MeV·cm²/mg  | 0°   |
      | 5.7 MeV·cm²/mg  | 0°   |
      | 9.9 MeV·cm²/mg  | 0°   |
      | 9.9 MeV·cm²/mg  | 30°  |
      | 9.9 MeV·cm²/mg  | 45°  |
      | 16 MeV·cm²/mg   | 0°   |
      | 20.4 MeV·cm²/mg | 0°   |
      | 20.4 MeV·cm²/mg | 45°  |
      | 32.4 MeV·cm²/mg | 0°   |
      | 32.4 MeV·cm²/mg | 45°  |
      | 62.5 MeV·cm²/mg | 0°   |
      | 62.5 MeV·cm²/mg | 45°  |
    Then the upset cross-section follows a Weibull curve in effective LET
    And the upset LET threshold is at least <threshold>, a limit from "<limit source>"
    And the upset saturation cross-section is at most <saturation>, a limit from "<limit source>"

    Examples:
      | fluence      | events | flux           | threshold     | saturation   | limit source                                                                |
      | 1e7 ions/cm² | 100    | 1e3 ions/cm²/s | 10 MeV·cm²/mg | 1e-8 cm²/bit | the procurement specification's SEE requirement (example value, replace it) |

  Scenario Outline: Functional interrupts at LET <LET>
    Given each particle beam run ends at <fluence> or after <events> events, at a flux of <flux>
    When the particle beam irradiates the DUT with ions of LET <LET> at <tilt>, counting functional interrupts
    Then the functional interrupt cross-section is at most <limit>, a limit from "<limit source>"
    And the DUT passes its functional test

    Examples:
      | LET             | tilt | fluence      | events | flux           | limit    | limit source                                                   |
      | 9.9 MeV·cm²/mg  | 0°   | 1e7 ions/cm² | 100    | 1e3 ions/cm²/s | 1e-5 cm² | the SEFI allocation of the mission (example value, replace it) |
      | 32.4 MeV·cm²/mg | 0°   | 1e7 ions/cm² | 100    | 1e3 ions/cm²/s | 1e-5 cm² | the SEFI allocation of the mission (example value, replace it) |
      | 62.5 MeV·cm²/mg | 0°   | 1e7 ions/cm² | 100    | 1e3 ions/cm²/s | 1e-5 cm² | the SEFI allocation of the mission (example value, replace it) |
