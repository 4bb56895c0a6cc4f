@power @over-current @ECSS-E-ST-20C
Feature: Over-current protection: the DUT protects itself from a short on its rail, recovers and is undamaged
  ECSS-E-ST-20C requires that a unit protect itself against an overload or short on its power lines, recover, and
  not be damaged. What is judged is the DUT's own protection, against its datasheet as the DUT profile states it
  (supplies.<rail>.protection, the source shown beside each limit): the most current it lets through, how fast it
  switches the rail off, and how it comes back (latched off until a power cycle, or retrying by itself). The fault is
  the carrier board's fault load switched across the DUT supply's rail by the test agent, downstream of the DUT's
  protection; the bench supply stands in for the bus feeding the fault, its current limit what that bus can deliver,
  and its own over-current protection is the bench's safety net (armed longer than any response the DUT may claim),
  never the judged thing. Afterwards the DUT must boot, draw the supply current it drew before (a path a surge
  damaged leaves a leakage path across the rail) and pass its functional test. An overload may damage the part
  (that is what the test looks for), so the procedure is destructive and runs on its own sample. The fault, the source current, the
  sampling and the procedure's allowances are Examples a test plan may change.

  Background:
    Given a fresh sample of the DUT is mounted
    And the DUT is powered at its nominal supply voltages

  Scenario Outline: A fault of <fault> fed with up to <source current>: the DUT limits it, recovers and is undamaged
    Given the DUT supply can deliver <source current> into a fault, its own over-current protection armed after <safety net> as the bench's safety net
    When a fault of <fault> is switched across the DUT supply's rail, its current sampled every <resolution> for at most <safety net>
    Then the DUT held the overload current within its protection's specified maximum
    And the DUT switched the overload off within its protection's specified response time
    And with the fault removed the DUT recovers as its protection specifies, booting within <boot time>, a limit from "<boot time source>"
    And the DUT supply current is within <damage tolerance> of its value before the overload, a limit from "<damage tolerance source>"
    And the DUT passes its functional test

    Examples:
      | fault  | source current | safety net | resolution | boot time | damage tolerance | boot time source | damage tolerance source |
      | 100 mΩ | 5 A            | 200 ms     | 100 µs     | 10 s      | 2 %              | the procedure's cold-start allowance (example value, replace it with the boot time the DUT's specification states) | the procedure's damage tolerance, a few times the supply-current repeatability (example value, replace it) |
