@radiation @sel @ESCC-25100 @JESD57
Feature: Single-event latch-up at maximum supply voltage and maximum rated temperature
  Latch-up is most likely hot and at the highest supply voltage, so the sample is held at the
  maximum rated temperature of the part (125 °C for the military-range parts of the shipped
  profiles) and powered at its maximum rated voltage on every rail (ESCC 25100, JESD57 practice;
  space-qualification.md §2). Every rail is monitored, core as well as I/O: each gets a current limit a
  stated factor above the current it draws before irradiation (never above the DUT profile's limit for
  it); when a latch-up runs a rail into its limit, the bench switches that rail off within the stated
  response time, the others after it, holds the DUT off, powers it up again and counts the event on
  that rail. Leakage and the functional test are recorded once the hot sample has settled, and tested
  again after the runs. A micro-latch (a persistent step below the trip, on any rail) is power-cycled
  and counted with the latch-ups. Immunity: no more than the allowed latch-ups up to the stated LET and
  fluence, and the sample passes its tests afterwards. The numbers are in the Examples.

  Background:
    Given a fresh sample of the DUT is mounted

  Scenario Outline: Latch-up immunity to LET <LET> at <fluence>, <temperature>, maximum supply voltage
    Given the thermal chamber holds the DUT at <temperature>
    And the DUT is powered at its maximum rated supply voltages
    And the DUT parametrics before irradiation are recorded once its supply current changes by less than <settled change> over <settling window>, waiting at most <longest settling>
    And the latch-up monitor trips at <trip> of the current before irradiation and power-cycles the DUT within <response time>, off for <off time>
    And the latch-up monitor counts a step of more than <micro-latch step> above the current before irradiation, below the trip, as a micro-latch
    And each particle beam run ends at <fluence> or after <events> events, at a flux of <flux>
    When the particle beam irradiates the DUT with ions of LET <LET> at <tilt>, counting latch-ups
    Then the latch-up monitor counted at most <allowed> latch-ups, a limit from "<allowed source>"
    And every latch-up was power-cycled within <response time>, a limit from "<response source>"
    And the DUT parametrics at the dose the beam deposited are within the DUT profile limits

    Examples:
      | temperature | settled change | settling window | longest settling | trip  | micro-latch step | response time | off time | LET             | tilt | fluence      | events | flux           | allowed | allowed source | response source |
      | 125 °C      | 0.1 mA         | 5 min           | 1 h              | 200 % | 20 mA            | 50 ms         | 200 ms   | 62.5 MeV·cm²/mg | 0°   | 1e7 ions/cm² | 10     | 1e5 ions/cm²/s | 0       | the immunity criterion: no latch-up up to the stated LET and fluence (common practice for an immune claim, 60–75 MeV·cm²/mg at 1e7 ions/cm², space-qualification.md §2; neither ESCC 25100 nor JESD57 states the count: replace it with the procurement specification's) | the procedure's latch-up response (example value: a detection hold of 1–10 ms is common practice, space-qualification.md §2; replace it with the protection the DUT's mission needs) |
