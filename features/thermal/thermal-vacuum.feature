@thermal @thermal-vacuum @SMC-S-016
Feature: Thermal-vacuum qualification of a unit by SMC-S-016
  Unit qualification thermal-vacuum cycling by SMC-S-016 (2014) §4.7: the qualification range (−34/+71 °C,
  or the acceptance range widened by 10 °C) at or below 1e-4 Torr, with the cycle count of the chosen plan —
  27 cycles in vacuum for a unit qualified by thermal-vacuum cycling alone (the other plan, 23 thermal
  cycles plus 4 in vacuum, is not run here). The chamber is pumped down first. The unit operates through the
  cycles (powered at its nominal voltages and monitored: every rail against its setting, the junction against
  its rating, its status), apart from the off periods before its hot and cold starts; powered, it dissipates
  and settles above the shroud, so the shroud is moved until the unit itself is at the extreme. It counts as
  stable within the stated tolerance and below the stated rate (SMC-S-016: less than 3 °C/h), soaks at least
  6 h at the extremes of the first and last cycles and dwells at the others; a plateau counts only if the unit
  stays stable through the whole dwell. At the extremes of the first and last cycles it is started hot and
  cold, after at least 30 min off (switched off from the start of the transition to that extreme), and at the
  extremes of the cycles between them among the last three it is tested as it operates: every rail in
  regulation, the junction within its rating, the functional test. The last cycles must be failure-free, judged
  from those tests and from the monitoring through those cycles. Each limit names its source; numbers a
  standards body may change are in the Examples. ECSS-E-ST-10-03 is not claimed: its own cycle counts and
  margins are a different scenario.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered off

  Scenario Outline: <cycles> qualification cycles in vacuum from <cold> to <hot> at <pressure> or below, the unit operating
    Given the thermal chamber is pumped down to at most <pressure>, a limit from "<source>", within <pump-down>, a limit from "<pump-down source>"
    And the thermal chamber ramps at <ramp rate>
    And the DUT counts as settled within <tolerance> of the setpoint, changing less than <stability> over <window>, a limit from "<source>"
    And the DUT operates through the last <operating cycles> cycles at its nominal supply voltages, apart from the off periods before its hot and cold starts, monitored every <monitor> with its rails within <regulation> of their settings, a limit from "<regulation source>"
    And the DUT is started hot and cold for a performance test at the extremes of the first cycle and the last <failure-free> cycles, after at least <off> off, its rails within <regulation> of their settings, a limit from "<regulation source>"
    When the thermal chamber cycles the DUT <cycles> times between <cold> and <hot> in vacuum, soaking <soak> at the extremes of the first and last cycles and <dwell> at the others
    Then the chamber pressure stayed at most <pressure> throughout, a limit from "<source>"
    And the soaks at the extremes of the first and last cycles held the DUT settled for at least <soak>, a limit from "<source>"
    And every dwell at the extremes held the DUT settled for at least <dwell>, a limit from "<source>"
    And the performance tests of the last <failure-free> cycles were failure-free, a limit from "<source>"
    And the monitoring of the last <failure-free> cycles was failure-free, a limit from "<source>"

    Examples: Unit qualification, thermal-vacuum cycles only (SMC-S-016 §4.7), the unit operating through every cycle
      | cycles | operating cycles | cold   | hot   | pressure  | pump-down | ramp rate | tolerance | stability | window | regulation | monitor | soak | dwell | off    | failure-free | source          | pump-down source | regulation source |
      | 27     | 27               | -34 °C | 71 °C | 1e-4 Torr | 4 h       | 2 °C/min  | 3 K       | 3 °C/h    | 30 min | 1 %        | 10 min  | 6 h  | 1 h   | 30 min | 3            | SMC-S-016 §4.7 | the facility's pump-down allowance for this chamber, not a clause (example value, replace it with the test plan's) | the procedure's regulation criterion: a rail in current limit falls outside it (example value, replace it with the rail tolerance of the ICD) |
