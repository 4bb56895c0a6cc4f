@adapter
Feature: Adapter
  Every pickle of this file is an NUnit test case of AdapterFeatures.

  Background:
    Given the bench is ready

  @tid
  Scenario: Tagged scenario passes
    Then the bench was readied once

  Rule: Margins
    Scenario Outline: Level <level>
      Then the level <level> is accepted

      Examples: margins
        | level |
        | 95    |
        | 105   |

  @ignore
  Scenario: Ignored by tag
    Then it fails
