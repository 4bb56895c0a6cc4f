@power @sequencing @ECSS-E-ST-20C
Feature: Power-on and power-off sequencing of the DUT's rails
  A device with several rails must neither start nor be powered through one rail while another is still down,
  whatever the order and spacing of its rails (no back-powering, no partial start), and must start cleanly once
  all are up (ECSS-E-ST-20C). The rails are named as in the DUT profile; the order and the delays are parameters.
  The boot time is the procedure's allowance for a cold start, not a clause's number: its source column says so.

  Background:
    Given a sample of the DUT that no destructive test has used is mounted
    And the DUT is powered off

  Scenario Outline: <first> rail first, then <second> after <delay>; off in reverse order
    When the <first> rail is switched on at its nominal voltage
    Then the DUT stays off for <delay>
    When the <second> rail is switched on at its nominal voltage <delay> later
    Then the DUT boots within <boot time> of the <second> rail switching on, a limit from "<boot time source>"
    And the DUT passes its functional test
    When the <second> rail is switched off
    And the <first> rail is switched off <delay> later
    Then the DUT is off

    Examples:
      | first | second | delay  | boot time | boot time source |
      | core  | io     | 1 ms   | 10 s      | the procedure's cold-start allowance (example value, replace it with the boot time the DUT's specification states) |
      | core  | io     | 100 ms | 10 s      | the procedure's cold-start allowance (example value, replace it with the boot time the DUT's specification states) |
      | io    | core   | 10 ms  | 10 s      | the procedure's cold-start allowance (example value, replace it with the boot time the DUT's specification states) |
