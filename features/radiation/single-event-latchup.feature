@radiation @sel @ESCC-25100 @JESD57
Feature: Single-event latch-up at maximum supply voltage and temperature
  Latch-up is most likely hot and at the highest supply voltage, so the sample is held at the
  maximum temperature of the procedure and powered at its maximum rated voltage on every rail. The
  latch-up monitor biases the rail where latch-up shows (the I/O rail) with a current limit a stated
  factor above the current it draws before irradiation; when a latch-up runs the rail into that
  limit, the bench switches the rail off within the stated response time, holds it off, powers it up
  again and counts the event (ESCC 25100, JESD57). Immunity is claimed when no more than
  the allowed latch-ups occur up to the stated LET and fluence, and the sample still passes its
  functional test afterwards.

  Background:
    Given a fresh sample of the DUT is mounted

  Scenario Outline: Latch-up immunity to LET <LET> at <fluence>, <temperature>, maximum supply voltage
    Given the thermal chamber holds the DUT at <temperature>
    And the DUT is powered at its maximum rated supply voltages
    And the latch-up monitor trips at <trip> of the current before irradiation and power-cycles the DUT within <response time>, off for <off time>
    And each particle beam run ends at <fluence> or after <events> events, at a flux of <flux>
    When the particle beam irradiates the DUT with ions of LET <LET> at <tilt>, counting latch-ups
    Then the latch-up monitor counted at most <allowed> latch-ups
    And every latch-up was power-cycled within <response time>
    And the DUT passes its functional test

    Examples:
      | temperature | trip  | response time | off time | LET             | tilt | fluence      | events | flux           | allowed |
      | 85 °C       | 200 % | 50 ms         | 200 ms   | 62.5 MeV·cm²/mg | 0°   | 1e7 ions/cm² | 10     | 1e5 ions/cm²/s | 0       |
