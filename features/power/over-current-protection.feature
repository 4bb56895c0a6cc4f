@power @over-current @ECSS-E-ST-20C
Feature: Over-current protection: the DUT survives an overload and recovers undamaged
  A fault that drives the DUT's rail into current limit is removed by over-current protection; what is
  judged is the DUT's behaviour, not the bench supply's: once the protection is cleared and the limit
  restored the DUT must start again within its boot time, draw the supply current it drew before the
  overload (a damaged part, a leakage path burnt open or shorted, draws a different one) and pass its
  functional test (ECSS-E-ST-20C; ECSS-E-ST-20-20C on latching current limiters). The bench supply stands
  in for the spacecraft's limiter: its protection delay and the overload are the stimulus, recorded with
  the trip time, never judged; an overload the supply did not apply is an error, not a pass.
  The boot time is the procedure's allowance for a cold start; the damage tolerance is the procedure's
  (a few times the supply-current repeatability); both are Examples a test plan may change.

  Background:
    Given a sample of the DUT that no destructive test has used is mounted
    And the DUT is powered at its nominal supply voltages

  Scenario Outline: Overload at <overload> of the DUT's current for <delay>, and an undamaged recovery
    Given the DUT supply's over-current protection is armed with a delay of <delay>
    When the DUT supply current limit falls to <overload> of the current the DUT draws, the trip timed to within <resolution>
    Then the overload was applied: the DUT supply's over-current protection removed it
    When the DUT supply protection is cleared, its current limit restored from the DUT profile and its output switched on
    Then the DUT boots within <boot time> of the DUT supply switching on, a limit from "<boot time source>"
    And the DUT supply current is within <damage tolerance> of its value before the overload, a limit from "<damage tolerance source>"
    And the DUT passes its functional test

    Examples:
      | delay | overload | resolution | boot time | damage tolerance | boot time source | damage tolerance source |
      | 10 ms | 50 %     | 1 ms       | 10 s      | 2 %              | the procedure's cold-start allowance (example value, replace it with the boot time the DUT's specification states) | the procedure's damage tolerance, a few times the supply-current repeatability (example value, replace it) |
      | 50 ms | 80 %     | 1 ms       | 10 s      | 2 %              | the procedure's cold-start allowance (example value, replace it with the boot time the DUT's specification states) | the procedure's damage tolerance, a few times the supply-current repeatability (example value, replace it) |
