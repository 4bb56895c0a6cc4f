@power @inrush @ECSS-E-ST-20-20C
Feature: Inrush at switch-on from a latching current limiter
  On the spacecraft the unit is fed through a latching current limiter (LCL): at switch-on it limits the current
  while the unit's input capacitance charges, and trips off if that lasts longer than its trip-off time. The DUT
  supply stands in for the LCL: its current limit is the rail's current limit from the DUT profile, and its
  over-current protection trips after the trip-off time of the Examples. The inrush current is sampled from
  switch-on; it must stay in the limit for less than the trip-off time, the supply must not trip, and the DUT must
  boot (ECSS-E-ST-20-20C and its handbook ECSS-E-HB-20-20A: the LCL class of the power bus). The trip-off time and
  the boot time of the Examples are example values, not numbers taken from a clause: their source columns say so.

  Background:
    Given a sample of the DUT that no destructive test has used is mounted
    And the DUT supply output is off
    And the DUT's other rails are powered at their nominal voltages

  Scenario Outline: Switch-on into a limiter tripping after <trip-off>
    Given the DUT supply limits at the DUT profile's current limit and trips after <trip-off> in the limit
    When the DUT supply is switched on at the nominal voltage, its current sampled every <interval> for <window>
    Then the inrush stays in the current limit for at most <trip-off>, a limit from "<trip-off source>"
    And the DUT supply has not tripped
    And the DUT boots within <boot time> of the DUT supply switching on, a limit from "<boot time source>"

    Examples:
      | trip-off | interval | window | boot time | trip-off source | boot time source |
      | 2 ms     | 50 µs    | 10 ms  | 10 s      | the trip-off time assumed for the bus's LCL (example value: ECSS-E-ST-20-20C defines LCL trip-off, the LCL class of the power bus sets its number; replace it) | the procedure's cold-start allowance (example value, replace it with the boot time the DUT's specification states) |
