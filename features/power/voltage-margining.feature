@power @margining @ECSS-E-ST-20C
Feature: Supply voltage margining: operation across the supply range and survival beyond it
  The sample must work at the edges of its operating supply range, every rail moved together, with
  every rail in regulation, drawing a current inside its DUT-profile limits and passing its
  functional test; beyond the range (the survival margins) it must come back unharmed at nominal
  (performance at minimum and maximum input, survival beyond them, under ECSS-E-ST-20C). The
  margins and the survival time are parameters: change the Examples, not the steps.

  Background:
    Given a sample of the DUT that no destructive test has used is mounted

  Scenario Outline: Operating at <level> of the nominal supply voltages
    Given the DUT is powered at <level> of its nominal supply voltages
    Then every DUT rail is within <regulation> of its setting
    And every DUT rail draws a current within the DUT profile limits
    And the DUT passes its functional test

    Examples: Operating range
      | level | regulation |
      | 95 %  | 1 %        |
      | 100 % | 1 %        |
      | 105 % | 1 %        |

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
