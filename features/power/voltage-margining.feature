@power @margining @ECSS-E-ST-20C
Feature: Supply voltage margining: operation across the supply range and survival beyond it
  The sample must work at the edges of its operating supply range, every rail moved together, with every rail in
  regulation, drawing a current inside its DUT-profile limits and passing its functional test; beyond the range (the
  survival margins) it must come back unharmed at nominal (performance at minimum and maximum input, survival beyond
  them, under ECSS-E-ST-20C). The margins and the survival time are parameters: change the Examples, not the steps.
  The regulation tolerance is the procedure's own, not a number taken from a clause: its source column says so.

  Background:
    Given a sample of the DUT that no destructive test has used is mounted

  Scenario Outline: Operating at <level> of the nominal supply voltages
    Given the DUT is powered at <level> of its nominal supply voltages
    Then every DUT rail is within <regulation> of its setting, a limit from "<regulation source>"
    And every DUT rail draws a current within the DUT profile limits
    And the DUT passes its functional test

    Examples: Operating range
      | level | regulation | regulation source |
      | 95 %  | 1 %        | the procedure's regulation criterion: a rail in current limit falls outside it (example value, replace it with the rail tolerance of the ICD) |
      | 100 % | 1 %        | the procedure's regulation criterion: a rail in current limit falls outside it (example value, replace it with the rail tolerance of the ICD) |
      | 105 % | 1 %        | the procedure's regulation criterion: a rail in current limit falls outside it (example value, replace it with the rail tolerance of the ICD) |

  Scenario Outline: Surviving <level> of the nominal supply voltages for <duration>
    Given the DUT is powered at <level> of its nominal supply voltages
    When the bench waits <duration>
    And the DUT is powered at its nominal supply voltages
    Then every DUT rail draws a current within the DUT profile limits
    And the DUT passes its functional test

    Examples: Survival margins
      | level | duration |
      | 90 %  | 10 min   |
      | 110 % | 10 min   |
