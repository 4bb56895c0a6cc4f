@power @over-current @ECSS-E-ST-20C
Feature: Over-current protection: trip, clear and recover
  With over-current protection armed, a fault that drives the rail into its current limit must trip
  the output within the stated time, and once the protection is cleared and the limit restored the
  DUT must start again cleanly (ECSS-E-ST-20C; ECSS-E-ST-20-20C on latching current limiters).
  The protection delay, the overload and the trip time are parameters.

  Background:
    Given a sample of the DUT that no destructive test has used is mounted
    And the DUT is powered at its nominal supply voltages

  Scenario Outline: Trip after <delay> at <overload> of the DUT's current, and recovery
    Given the DUT supply's over-current protection is armed with a delay of <delay>
    When the DUT supply current limit falls to <overload> of the current the DUT draws, the trip timed to within <resolution>
    Then the DUT supply trips its over-current protection within <trip time>
    When the DUT supply protection is cleared, its current limit restored from the DUT profile and its output switched on
    Then the DUT boots within <boot time> of the DUT supply switching on
    And the DUT passes its functional test

    Examples:
      | delay | overload | resolution | trip time | boot time |
      | 10 ms | 50 %     | 1 ms       | 20 ms     | 10 s      |
      | 50 ms | 80 %     | 1 ms       | 60 ms     | 10 s      |
