using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Tests.Store;

/// <summary>A measurement's limit source, read from its decision as the steps write it ("limit from …", "limit set by the procedure: …").</summary>
public class MeasurementLimitSourceTests
{
    private static MeasurementResult With(string? decision) =>
        new(1, "S0001", 0, "x", Quantity.Parse("1 s"), Limit.AtMost(Quantity.Parse("2 s")), Verdict.Pass, DateTimeOffset.UnixEpoch, null, null, new Dictionary<string, Quantity>())
        {
            Decision = decision,
        };

    [TestCase("limit from MIL-STD-883 TM 1010 (transfer time)", "MIL-STD-883 TM 1010 (transfer time)")]
    [TestCase("limit from the terminal specification; 0 errors in 1e12 bits: one-sided 95 % upper bound 3e-12 ≤ 1e-11", "the terminal specification")]
    [TestCase("not judged: this run counted other effects; limit from the DUT profile (x): datasheet; 0 events", "the DUT profile (x): datasheet")]
    [TestCase("limit set by the procedure: the DUT resets exactly once, as the step says", "the procedure: the DUT resets exactly once, as the step says")]
    [TestCase("limit from the scenario's Examples, per ESCC22900; Inconclusive: the control drifted", "the scenario's Examples, per ESCC22900")]
    [TestCase("0 errors in 1e12 bits: one-sided 95 % upper bound 3e-12 ≤ 1e-11", null)]
    [TestCase(null, null)]
    public void The_source_is_the_decisions_limit_from_clause(string? decision, string? source) =>
        Assert.That(With(decision).LimitSource, Is.EqualTo(source));
}
