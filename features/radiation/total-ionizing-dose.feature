@radiation @tid @MIL-STD-883-TM1019
Feature: Total ionizing dose by MIL-STD-883 TM 1019: step-stress, 50 % overtest and the rebound anneal
  A sample is irradiated with Co-60 gammas under worst-case static bias (every rail at its maximum
  rated supply voltage) in dose steps at a dose rate inside the condition of the test method, and its
  parametrics (supply current, threshold voltage of the on-chip monitor, functional test) are tested
  after each step. TM 1019 bounds the time between exposure and test: the electrical test within the
  stated time after the end of each exposure, the next exposure within the stated time after the test;
  both are measured and recorded, and a breach is a deviation. Then the specified dose plus the 50 %
  overtest, a biased 168 h anneal at 100 °C (the accelerated anneal of MOS parts, which brings out
  interface-trap rebound), and a test at room temperature.
  Pass/fail: every parametric stays inside the post-irradiation parametric limits (PIPL) of the DUT
  profile and the functional test passes.
  Condition A is the standard rate (50–300 rad(Si)/s); the low-dose-rate test of parts with bipolar or
  BiCMOS linear circuits (ELDRS) is run at 10 mrad(Si)/s or less (set a little below the bound, so the
  dosimeter's reading noise cannot carry the rate over it). The numbers come from the
  qualification reference (space-qualification.md §1, domain knowledge to check against the issue of
  the test method in force): they are all in the Examples, so a new issue changes a table, not a step.
  The reference before irradiation (the zero-dose point) is taken once the powered sample has settled
  thermally at its bias, so self-heating is not mistaken for drift. ESCC 22900 is its own suite.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered at its maximum rated supply voltages
    And the thermal chamber holds the DUT at 24 °C

  Scenario Outline: <condition>: biased step-stress at <dose rate> to <specified dose>, <overtest> overtest, <hot anneal> at <hot temperature>
    Given the gamma source is set to <dose rate>, inside the window from <window low> to <window high>
    And each exposure starts within <next exposure> of the parametric test before it
    And the DUT parametrics before irradiation are recorded once its supply current changes by less than <settled change> over <settling window>, waiting at most <longest settling>
    When the DUT is irradiated in steps to <dose steps>, its parametrics tested within <test time> of each step
    And the DUT is irradiated to <specified dose> plus a <overtest> overtest, its parametrics tested within <test time>
    And the DUT anneals biased for <hot anneal> at <hot temperature>, its parametrics tested at <room temperature>
    Then the DUT passes its functional test

    Examples: Condition A, the standard dose rate (TM 1019: 50–300 rad(Si)/s)
      | condition   | dose rate     | window low    | window high    | next exposure | settled change | settling window | longest settling | dose steps                             | specified dose | overtest | test time | hot anneal | hot temperature | room temperature |
      | Condition A | 100 rad(Si)/s | 50 rad(Si)/s  | 300 rad(Si)/s  | 2 h           | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si) | 100 krad(Si)   | 50 %     | 1 h       | 168 h      | 100 °C          | 24 °C            |

    @low-dose-rate
    Examples: Low dose rate, for parts with bipolar or BiCMOS linear circuits (TM 1019 ELDRS: at most 10 mrad(Si)/s)
      | condition   | dose rate     | window low    | window high    | next exposure | settled change | settling window | longest settling | dose steps                             | specified dose | overtest | test time | hot anneal | hot temperature | room temperature |
      | ELDRS       | 9 mrad(Si)/s  | 0 mrad(Si)/s  | 10 mrad(Si)/s  | 2 h           | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si) | 100 krad(Si)   | 50 %     | 1 h       | 168 h      | 100 °C          | 24 °C            |
