@vendor @power
Feature: Board power budget
  The vendor's acceptance of a board on the facility's simulated bench: the facility's catalog steps
  power the board and check its rails; the vendor's own step judges the datasheet's power budget.

  Scenario: The board stays within its power budget at nominal supply voltages
    Given a fresh sample of the DUT is mounted
    And the DUT is powered at its nominal supply voltages
    Then every DUT rail is within 1 % of its setting
    And the board draws at most 10 W in total
