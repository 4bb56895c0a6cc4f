@power @brown-out @ECSS-E-ST-20C
Feature: Brown-out: slow supply ramps and dips
  A slow fall of a rail must reset the device cleanly inside its undervoltage-lockout window, and a slow rise bring
  it back inside the same window; a dip to 0 V must cause exactly one reset and a clean restart, never a lock-up or a
  false state (ECSS-E-ST-20C; ECSS-E-HB-20-20A on undervoltage protection). The windows are fractions of the nominal
  voltage, so the procedure applies to any rail of any part; ramp rates and dip lengths are parameters. The recovery
  time and the reset windows are the procedure's example values, not a clause's numbers: their source columns say so.

  Background:
    Given a sample of the DUT that no destructive test has used is mounted
    And the DUT is powered at its nominal supply voltages

  Scenario Outline: The <rail> rail ramps down to <lowest> of nominal and back at <rate>
    When the <rail> rail ramps down to <lowest> of nominal and back at <rate>
    Then the DUT reset on the <rail> rail between <window low> and <window high> of nominal and came back within the same window, a limit from "<window source>"
    And the DUT reset exactly once and is up again within <recovery>, a limit from "<recovery source>"
    And the DUT passes its functional test

    Examples:
      | rail | lowest | rate    | window low | window high | recovery | window source | recovery source |
      | core | 50 %   | 1 V/s   | 55 %       | 80 %        | 10 s     | the procedure's undervoltage-lockout window (example value, replace it with the reset thresholds the DUT's specification states) | the procedure's restart allowance (example value, replace it with the boot time the DUT's specification states) |
      | io   | 50 %   | 1 V/s   | 55 %       | 85 %        | 10 s     | the procedure's undervoltage-lockout window (example value, replace it with the reset thresholds the DUT's specification states) | the procedure's restart allowance (example value, replace it with the boot time the DUT's specification states) |

  Scenario Outline: The <rail> rail dips to 0 V for <dip>
    When the <rail> rail dips to 0 V for <dip>
    Then the DUT reset exactly once and is up again within <recovery>, a limit from "<recovery source>"
    And the DUT passes its functional test

    Examples:
      | rail | dip    | recovery | recovery source |
      | core | 1 ms   | 10 s     | the procedure's restart allowance (example value, replace it with the boot time the DUT's specification states) |
      | core | 100 ms | 10 s     | the procedure's restart allowance (example value, replace it with the boot time the DUT's specification states) |
