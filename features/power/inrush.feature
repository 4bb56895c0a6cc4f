@power @inrush @ECSS-E-ST-20-20C
Feature: Inrush at switch-on from a latching current limiter
  On the spacecraft the unit is fed through a latching current limiter (LCL): at switch-on it
  limits the current while the unit's input capacitance charges, and trips off if that lasts longer
  than its trip-off time. The DUT supply stands in for the LCL: its current limit is the rail's
  current limit from the DUT profile, and its over-current protection trips after the trip-off time
  of the Examples. The inrush current is sampled from switch-on; it must stay in the limit for less
  than the trip-off time, the supply must not trip, and the DUT must boot (ECSS-E-ST-20-20C and
  its handbook ECSS-E-HB-20-20A: the LCL class of the power bus).

  Background:
    Given a sample of the DUT that no destructive test has used is mounted
    And the DUT supply output is off
    And the DUT's other rails are powered at their nominal voltages

  Scenario Outline: Switch-on into a limiter tripping after <trip-off>
    Given the DUT supply limits at the DUT profile's current limit and trips after <trip-off> in the limit
    When the DUT supply is switched on at the nominal voltage, its current sampled every <interval> for <window>
    Then the inrush stays in the current limit for at most <trip-off>
    And the DUT supply has not tripped
    And the DUT boots within <boot time> of the DUT supply switching on

    Examples:
      | trip-off | interval | window | boot time |
      | 2 ms     | 50 µs    | 10 ms  | 10 s      |
