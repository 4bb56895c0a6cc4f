@radiation @tid @ESCC-22900
Feature: Total ionizing dose by ESCC 22900: a biased, unbiased and control sample plan, step-stress in a dose-rate window, room-temperature and hot anneals
  A sample plan of one lot is irradiated together with Co-60 gammas: samples under worst-case static bias
  (every rail at its maximum rated supply voltage, held by the irradiation board), samples unbiased (leads
  grounded), and unirradiated controls kept beside the cell; the counts are the procurement
  specification's (ECSS-Q-ST-60-15C practice: at least 5 + 5 + 1), in the Examples. They are irradiated in
  dose steps at a dose rate inside one of the two windows of ESCC 22900, every sample's parametrics tested
  in turn after each step within the stated time, the next exposure started within the
  stated time of the test (both measured and recorded; a breach is a deviation). It is then irradiated
  to the specified dose plus the overtest, annealed biased for 24 h at room temperature, then for
  168 h at 100 °C, and tested at room temperature. Pass/fail: every parametric inside the
  post-irradiation parametric limits (PIPL) of the DUT profile and the functional test passed; the
  controls' change (the test system's drift) within the stated fraction of the PIPL, and each irradiated
  sample's change less the controls' within the PIPL.
  The windows (36–360 rad(Si)/h and 3.6–180 krad(Si)/h) are keyed on their ranges, not their numbers,
  and come from the qualification reference (space-qualification.md §1, public ESCC 22900 course notes
  for the envelope; the split into two windows to check against the issue in force): they are all in
  the Examples. The reference before irradiation is taken once the powered sample has settled
  thermally at its bias (a sample that sat unbiased is tested at once after switch-on, its reference as
  every later test). MIL-STD-883 TM 1019 is its own suite.

  Scenario Outline: <window> window: <biased> biased, <unbiased> unbiased and <control> control samples stepped at <dose rate> to <specified dose> with a <overtest> overtest and both anneals
    Given a sample plan is mounted in the gamma cell: <biased> irradiated biased at the maximum rated supply voltages, <unbiased> irradiated unbiased, <control> unirradiated as control
    And the DUT is powered at its maximum rated supply voltages
    And the thermal chamber holds the DUT at <room temperature>
    And the gamma source is set to <dose rate>, inside the window from <window low> to <window high>
    And each exposure starts within <next exposure> of the parametric test before it
    And the DUT parametrics before irradiation are recorded once its supply current changes by less than <settled change> over <settling window>, waiting at most <longest settling>
    When the DUT is irradiated in steps to <dose steps>, its parametrics tested within <test time> of each step
    And the DUT is irradiated to <specified dose> plus a <overtest> overtest, its parametrics tested within <test time>
    And the DUT anneals biased for <room anneal> at <room temperature>, its parametrics tested at <room temperature>
    And the DUT anneals biased for <hot anneal> at <hot temperature>, its parametrics tested at <room temperature>
    Then the DUT passes its functional test
    And the unirradiated controls changed by at most <control drift> of the post-irradiation limits, and each irradiated sample's change less the controls' is within them

    Examples: The low-rate window, the rate of most missions; sample plan 5 + 5 + 1 (ECSS-Q-ST-60-15C practice); control drift the facility's test-system stability criterion, not a clause
      | window   | biased | unbiased | control | dose rate     | window low     | window high    | next exposure | settled change | settling window | longest settling | dose steps                             | specified dose | overtest | test time | room anneal | room temperature | hot anneal | hot temperature | control drift |
      | Low-rate | 5      | 5        | 1       | 50 rad(Si)/h  | 36 rad(Si)/h   | 360 rad(Si)/h  | 2 h           | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si) | 100 krad(Si)   | 50 %     | 1 h       | 24 h        | 24 °C            | 168 h      | 100 °C          | 10 %          |

    Examples: The standard-rate window; the same sample plan
      | window   | biased | unbiased | control | dose rate     | window low     | window high    | next exposure | settled change | settling window | longest settling | dose steps                             | specified dose | overtest | test time | room anneal | room temperature | hot anneal | hot temperature | control drift |
      | Standard | 5      | 5        | 1       | 36 krad(Si)/h | 3.6 krad(Si)/h | 180 krad(Si)/h | 2 h           | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si) | 100 krad(Si)   | 50 %     | 1 h       | 24 h        | 24 °C            | 168 h      | 100 °C          | 10 %          |
