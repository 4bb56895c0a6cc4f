@power @power-on @ECSS-E-ST-20C
Feature: Power-on at nominal and margined supply voltage
  A device powered at its nominal supply voltage, and at the edges of its operating range,
  draws a supply current inside the limits of its DUT profile. The voltage margins are
  parameters of the procedure: change the Examples, not the steps.

  Background:
    Given a sample of the DUT that no destructive test has used is mounted
    And the DUT supply output is off
    And the DUT supply current limit is set from the DUT profile

  Scenario Outline: Supply current at <level> of nominal voltage
    When the DUT supply is set to <level> of the nominal voltage
    And the DUT supply output is switched on
    And the bench waits 100 ms for the supply to settle
    Then the DUT supply voltage is within 1 % of the setting
    And the DUT supply current is within the DUT profile limits

    Examples: Operating range margins
      | level |
      | 95 %  |
      | 100 % |
      | 105 % |
