@thermal @thermal-cycling @MIL-STD-883-TM1010 @JESD22-A104
Feature: Temperature cycling between the extremes of a test condition
  The unpowered sample is cycled between the cold and hot extremes of the test condition
  (MIL-STD-883 TM 1010 condition B: −55/+125 °C), dwelling at each extreme once the DUT itself has
  settled there: JESD22-A104 requires the load, not the air, to reach the extremes. Settled means
  within the stated tolerance of the setpoint and changing more slowly than the stated rate over
  the stated window (MIL-DTL-87104C §4.3.1.3). A two-zone air-to-air chamber transfers between the
  extremes in under a minute (TM 1010); a single-zone chamber ramps at its rate (JESD22-A104), and
  the Examples give the transfer time the bench's chamber must meet. At the extremes of the first
  and last cycles the DUT is switched on for a performance test: every rail in regulation (a rail
  held in its current limit is not), the junction within its rating, the functional test passed.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered off

  Scenario Outline: Condition <condition>: <cycles> cycles from <cold> to <hot>
    Given the thermal chamber ramps at <ramp rate>
    And the DUT counts as settled within <tolerance> of the setpoint, changing less than <stability> over <window>
    And the DUT is switched on for a performance test at the extremes of the first and last cycles, its rails within <regulation> of their settings
    When the thermal chamber cycles the DUT <cycles> times between <cold> and <hot>, dwelling <dwell> at each extreme once settled
    And the thermal chamber holds the DUT at <room temperature>
    And the DUT is powered at its nominal supply voltages
    Then every transfer between the extremes took at most <transfer time>
    And every dwell at the extremes held the DUT settled for at least <dwell>
    And the DUT passes its functional test

    Examples: Single-zone chamber
      | condition | cold   | hot    | cycles | ramp rate | transfer time | dwell  | tolerance | stability | window | regulation | room temperature |
      | B         | -55 °C | 125 °C | 10     | 5 °C/min  | 60 min        | 15 min | 2 K       | 3 °C/h    | 20 min | 1 %        | 24 °C            |
