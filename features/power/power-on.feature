@power @power-on @ECSS-E-ST-20C
Feature: Power-on at nominal and margined supply voltage
  A device powered at its nominal supply voltage, and at the edges of its operating range,
  draws a supply current inside the limits of its DUT profile (their source is the profile's). The voltage margins
  and the regulation tolerance are parameters of the procedure, each limit with its source: change the Examples.

  Background:
    Given a sample of the DUT that no destructive test has used is mounted
    And the DUT supply output is off
    And the DUT supply current limit is set from the DUT profile

  Scenario Outline: Supply current at <level> of nominal voltage
    When the DUT supply is set to <level> of the nominal voltage
    And the DUT supply output is switched on
    And the bench waits 100 ms for the supply to settle
    Then the DUT supply voltage is within <regulation> of the setting, a limit from "<regulation source>"
    And the DUT supply current is within the DUT profile limits

    Examples: Operating range margins
      | level | regulation | regulation source                                                                                                                             |
      | 95 %  | 1 %        | the procedure's regulation criterion: a rail in current limit falls outside it (example value, replace it with the rail tolerance of the ICD) |
      | 100 % | 1 %        | the procedure's regulation criterion: a rail in current limit falls outside it (example value, replace it with the rail tolerance of the ICD) |
      | 105 % | 1 %        | the procedure's regulation criterion: a rail in current limit falls outside it (example value, replace it with the rail tolerance of the ICD) |
