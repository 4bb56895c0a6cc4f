using SpaceTestBench.Results.Judging;

namespace SpaceTestBench.Cli;

/// <summary>What <c>spacebench</c> returns.</summary>
public static class ExitCodes
{
    /// <summary>The run's verdict is Pass (run, report); no problem found (validate); the exchange succeeded (scpi).</summary>
    public const int Passed = 0;

    /// <summary>
    /// The run's verdict is anything but Pass — Inconclusive, Fail, Aborted, Error or NotSet (run, report); feature
    /// files have problems (validate); the instrument could not be reached or reported an error (scpi).
    /// </summary>
    public const int Failed = 1;

    /// <summary>The command line, a resource string, a bench file, a DUT profile or a feature file is wrong; nothing was run.</summary>
    public const int UsageError = 2;

    /// <summary>The exit code of a run judged by <see cref="VerdictPolicy"/>: 0 for Pass, 1 otherwise (a run that cannot show Pass is not Pass).</summary>
    public static int Of(RunJudgement judgement)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        return judgement.Passed ? Passed : Failed;
    }
}
