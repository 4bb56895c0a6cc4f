@radiation @tid @MIL-STD-883-TM1019
Feature: Total ionizing dose by MIL-STD-883 TM 1019: a biased, unbiased and control sample plan, step-stress, 50 % overtest and the rebound anneal
  A sample plan of one lot is irradiated together with Co-60 gammas: samples under worst-case static bias
  (every rail at its maximum rated supply voltage, held by the irradiation board), samples unbiased (leads
  grounded), and unirradiated controls kept beside the cell. They are irradiated in dose steps at a dose
  rate inside the condition of the test method, and after each step every sample's parametrics (supply
  current, threshold voltage of the on-chip monitor, functional test) are tested in turn, each recorded
  with its sample number and bias. The sample counts are the procurement specification's, not TM 1019's
  (ECSS-Q-ST-60-15C and MIL-PRF-38535 Group E practice: at least 5 biased, 5 unbiased and 1 control;
  space-qualification.md §1, to check against the specification in force): they are in the Examples.
  The controls see no dose, so their change is the test system's drift (instruments, fixture,
  temperature); it must stay within the stated fraction of the post-irradiation limits, and each
  irradiated sample's change less the controls' is judged against those limits. TM 1019 bounds the time between exposure and test: the electrical test within the
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
  thermally at its bias, so self-heating is not mistaken for drift (a sample that sat unbiased is tested
  at once after switch-on, its reference as every later test). ESCC 22900 is its own suite.

  Scenario Outline: <condition>: <biased> biased, <unbiased> unbiased and <control> control samples stepped at <dose rate> to <specified dose>, <overtest> overtest, <hot anneal> at <hot temperature>
    Given a sample plan is mounted in the gamma cell: <biased> irradiated biased at the maximum rated supply voltages, <unbiased> irradiated unbiased, <control> unirradiated as control
    And the DUT is powered at its maximum rated supply voltages
    And the thermal chamber holds the DUT at <room temperature>
    And the gamma source is set to <dose rate>, inside the window from <window low> to <window high>
    And each exposure starts within <next exposure> of the parametric test before it
    And the DUT parametrics before irradiation are recorded once its supply current changes by less than <settled change> over <settling window>, waiting at most <longest settling>
    When the DUT is irradiated in steps to <dose steps>, its parametrics tested within <test time> of each step
    And the DUT is irradiated to <specified dose> plus a <overtest> overtest, its parametrics tested within <test time>
    And the DUT anneals biased for <hot anneal> at <hot temperature>, its parametrics tested at <room temperature>
    Then the DUT passes its functional test
    And the unirradiated controls changed by at most <control drift> of the post-irradiation limits, and each irradiated sample's change less the controls' is within them

    Examples: Condition A, the standard dose rate (TM 1019: 50–300 rad(Si)/s); sample plan 5 + 5 + 1 (ECSS-Q-ST-60-15C / MIL-PRF-38535 Group E practice); control drift the facility's test-system stability criterion, not a clause
      | condition   | biased | unbiased | control | dose rate     | window low    | window high    | next exposure | settled change | settling window | longest settling | dose steps                             | specified dose | overtest | test time | hot anneal | hot temperature | room temperature | control drift |
      | Condition A | 5      | 5        | 1       | 100 rad(Si)/s | 50 rad(Si)/s  | 300 rad(Si)/s  | 2 h           | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si) | 100 krad(Si)   | 50 %     | 1 h       | 168 h      | 100 °C          | 24 °C            | 10 %          |

    @low-dose-rate
    Examples: Low dose rate, for parts with bipolar or BiCMOS linear circuits (TM 1019 ELDRS: at most 10 mrad(Si)/s); the same sample plan, since ELDRS can be worse unbiased
      | condition   | biased | unbiased | control | dose rate     | window low    | window high    | next exposure | settled change | settling window | longest settling | dose steps                             | specified dose | overtest | test time | hot anneal | hot temperature | room temperature | control drift |
      | ELDRS       | 5      | 5        | 1       | 9 mrad(Si)/s  | 0 mrad(Si)/s  | 10 mrad(Si)/s  | 2 h           | 0.1 mA         | 5 min           | 1 h              | 5, 10, 20, 30, 50, 75 and 100 krad(Si) | 100 krad(Si)   | 50 %     | 1 h       | 168 h      | 100 °C          | 24 °C            | 10 %          |
