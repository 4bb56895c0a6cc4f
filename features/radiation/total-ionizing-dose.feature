@radiation @tid @MIL-STD-883-TM1019 @ESCC-22900
Feature: Total ionizing dose: step-stress irradiation with overtest and anneals
  A biased sample is irradiated with Co-60 gammas in dose steps at a dose rate inside the chosen
  window, and its parametrics (supply current, threshold voltage of the on-chip monitor, functional
  test) are measured after each step within the allowed time. It is then irradiated to the specified
  dose plus the overtest, annealed biased at room temperature, and annealed biased hot to bring out
  time-dependent effects (interface-trap rebound), then tested at room temperature
  (MIL-STD-883 TM 1019 §3.11 and §3.12; ESCC 22900). Pass/fail: every parametric stays inside the
  post-irradiation parametric limits (PIPL) of the DUT profile and the functional test passes.
  The dose ladder, the dose-rate window, the overtest and the anneal conditions are parameters:
  change the Examples, not the steps. Worst-case static bias is the nominal supply on every rail;
  an unbiased group is run as a separate procedure. The reference before irradiation is the zero-dose
  point of every parametric: it is taken once the powered sample has settled thermally at its bias
  (its self-heating takes minutes), judged by its supply current changing less than the stated amount
  over the stated window, so that self-heating is not mistaken for radiation-induced drift.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered at its nominal supply voltages
    And the thermal chamber holds the DUT at 24 °C

  Scenario Outline: Biased step-stress at <dose rate> to <specified dose> with a <overtest> overtest and anneals
    Given the gamma source is set to <dose rate>, inside the window from <window low> to <window high>
    And the DUT parametrics before irradiation are recorded once its supply current changes by less than <settled change> over <settling window>, waiting at most <longest settling>
    When the DUT is irradiated in steps to <dose steps>, its parametrics tested within <test time> of each step
    And the DUT is irradiated to <specified dose> plus a <overtest> overtest, its parametrics tested within <test time>
    And the DUT anneals biased for <room anneal> at <room temperature>, its parametrics tested at <room temperature>
    And the DUT anneals biased for <hot anneal> at <hot temperature>, its parametrics tested at <room temperature>
    Then the DUT passes its functional test

    Examples: Low dose rate window (ESCC 22900), the rate of most missions
      | dose rate     | window low    | window high    | settled change | settling window | longest settling | dose steps                               | specified dose | overtest | test time | room anneal | room temperature | hot anneal | hot temperature |
      | 50 rad(Si)/h  | 36 rad(Si)/h  | 360 rad(Si)/h  | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si)   | 100 krad(Si)   | 50 %     | 1 h       | 24 h        | 24 °C            | 168 h      | 100 °C          |

    Examples: Standard dose rate window (MIL-STD-883 TM 1019 condition A, ESCC 22900)
      | dose rate     | window low     | window high    | settled change | settling window | longest settling | dose steps                               | specified dose | overtest | test time | room anneal | room temperature | hot anneal | hot temperature |
      | 36 krad(Si)/h | 3.6 krad(Si)/h | 180 krad(Si)/h | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si)   | 100 krad(Si)   | 50 %     | 1 h       | 24 h        | 24 °C            | 168 h      | 100 °C          |
