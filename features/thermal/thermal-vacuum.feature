@thermal @thermal-vacuum @ECSS-E-ST-10-03 @SMC-S-016
Feature: Thermal-vacuum qualification cycles
  Qualification thermal-vacuum cycling of a unit (SMC-S-016 §4.7: qualification range −34/+71 °C
  or the acceptance range widened by 10 °C, at or below 1e-4 Torr; ECSS-E-ST-10-03C 5.5.4). The
  chamber is pumped down first; the unit cycles non-operating, so that it settles to the shroud, and
  counts as stable within the stated tolerance and below the stated rate (SMC-S-016: less than
  3 °C/h). It soaks longer at the extremes of the first and last cycles, where it is switched on for
  its performance test (every rail in regulation, the junction within its rating, the functional
  test), than at the others; a plateau counts only if the unit stays stable through the whole dwell
  (ECSS-E-ST-10-03C 5.5.4). Cycle counts, soak and dwell times are parameters.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered off

  Scenario Outline: <cycles> qualification cycles from <cold> to <hot> at <pressure> or below
    Given the thermal chamber is pumped down to at most <pressure> within <pump-down>
    And the thermal chamber ramps at <ramp rate>
    And the DUT counts as settled within <tolerance> of the setpoint, changing less than <stability> over <window>
    And the DUT is switched on for a performance test at the extremes of the first and last cycles, its rails within <regulation> of their settings
    When the thermal chamber cycles the DUT <cycles> times between <cold> and <hot> in vacuum, soaking <soak> at the extremes of the first and last cycles and <dwell> at the others
    Then the chamber pressure stayed at most <pressure> throughout
    And every dwell at the extremes held the DUT settled for at least <dwell>

    Examples: Unit qualification (SMC-S-016)
      | cycles | cold   | hot   | pressure  | pump-down | ramp rate | tolerance | stability | window | regulation | soak | dwell |
      | 4      | -34 °C | 71 °C | 1e-4 Torr | 4 h       | 2 °C/min  | 3 K       | 3 °C/h    | 30 min | 1 %        | 6 h  | 4 h   |
