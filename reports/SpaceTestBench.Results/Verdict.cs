namespace SpaceTestBench.Results;

/// <summary>
/// The outcome of a measurement, step, scenario or run. Ordered by severity; when results combine,
/// the most severe one wins (OpenTAP's ordering).
/// </summary>
public enum Verdict
{
    /// <summary>Nothing has decided the outcome yet.</summary>
    NotSet = 0,

    /// <summary>Every check passed.</summary>
    Pass = 1,

    /// <summary>The evidence neither passes nor fails the item (e.g. a pending or skipped step).</summary>
    Inconclusive = 2,

    /// <summary>A check failed: the device does not meet its limits.</summary>
    Fail = 3,

    /// <summary>The run was stopped (operator, interlock) before a verdict could be reached.</summary>
    Aborted = 4,

    /// <summary>The bench could not carry out the test (instrument fault, bad configuration).</summary>
    Error = 5,
}

/// <summary>Combining verdicts.</summary>
public static class Verdicts
{
    /// <summary>The more severe of two verdicts.</summary>
    public static Verdict Worst(Verdict a, Verdict b) => (Verdict)Math.Max((int)a, (int)b);

    /// <summary>The most severe of many verdicts (NotSet if there are none).</summary>
    public static Verdict Worst(IEnumerable<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var worst = Verdict.NotSet;
        foreach (var verdict in verdicts)
        {
            worst = Worst(worst, verdict);
        }

        return worst;
    }
}
