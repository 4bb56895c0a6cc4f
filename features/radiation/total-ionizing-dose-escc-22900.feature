@radiation @tid @ESCC-22900
Feature: Total ionizing dose by ESCC 22900: step-stress in a dose-rate window, room-temperature and hot anneals
  A sample is irradiated with Co-60 gammas under worst-case static bias (every rail at its maximum
  rated supply voltage) in dose steps at a dose rate inside one of the two windows of ESCC 22900, its
  parametrics tested after each step within the stated time, the next exposure started within the
  stated time of the test (both measured and recorded; a breach is a deviation). It is then irradiated
  to the specified dose plus the overtest, annealed biased for 24 h at room temperature, then for
  168 h at 100 °C, and tested at room temperature. Pass/fail: every parametric inside the
  post-irradiation parametric limits (PIPL) of the DUT profile and the functional test passed.
  The windows (36–360 rad(Si)/h and 3.6–180 krad(Si)/h) are keyed on their ranges, not their numbers,
  and come from the qualification reference (space-qualification.md §1, public ESCC 22900 course notes
  for the envelope; the split into two windows to check against the issue in force): they are all in
  the Examples. The reference before irradiation is taken once the powered sample has settled
  thermally at its bias. MIL-STD-883 TM 1019 is its own suite.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered at its maximum rated supply voltages
    And the thermal chamber holds the DUT at 24 °C

  Scenario Outline: <window> window: biased step-stress at <dose rate> to <specified dose> with a <overtest> overtest and both anneals
    Given the gamma source is set to <dose rate>, inside the window from <window low> to <window high>
    And each exposure starts within <next exposure> of the parametric test before it
    And the DUT parametrics before irradiation are recorded once its supply current changes by less than <settled change> over <settling window>, waiting at most <longest settling>
    When the DUT is irradiated in steps to <dose steps>, its parametrics tested within <test time> of each step
    And the DUT is irradiated to <specified dose> plus a <overtest> overtest, its parametrics tested within <test time>
    And the DUT anneals biased for <room anneal> at <room temperature>, its parametrics tested at <room temperature>
    And the DUT anneals biased for <hot anneal> at <hot temperature>, its parametrics tested at <room temperature>
    Then the DUT passes its functional test

    Examples: The low-rate window, the rate of most missions
      | window   | dose rate     | window low     | window high    | next exposure | settled change | settling window | longest settling | dose steps                             | specified dose | overtest | test time | room anneal | room temperature | hot anneal | hot temperature |
      | Low-rate | 50 rad(Si)/h  | 36 rad(Si)/h   | 360 rad(Si)/h  | 2 h           | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si) | 100 krad(Si)   | 50 %     | 1 h       | 24 h        | 24 °C            | 168 h      | 100 °C          |

    Examples: The standard-rate window
      | window   | dose rate     | window low     | window high    | next exposure | settled change | settling window | longest settling | dose steps                             | specified dose | overtest | test time | room anneal | room temperature | hot anneal | hot temperature |
      | Standard | 36 krad(Si)/h | 3.6 krad(Si)/h | 180 krad(Si)/h | 2 h           | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si) | 100 krad(Si)   | 50 %     | 1 h       | 24 h        | 24 °C            | 168 h      | 100 °C          |
