namespace SpaceTestBench.Facility.Hosting;

/// <summary>
/// Runs one campaign (or health check) on a bench, writing a run folder with its report: on a station
/// host this is <c>spacebench run</c>'s own code path, given by the command line that hosts the station
/// (the facility does not reference the command line, which references it).
/// </summary>
public interface ICampaignExecutor
{
    /// <summary>Runs and returns the outcome; cancelling stops the run and leaves the bench in its safe state.</summary>
    Task<CampaignOutcome> ExecuteAsync(CampaignExecution execution, CancellationToken cancellationToken);
}

/// <summary>What to run.</summary>
/// <param name="BenchFile">The station's bench file.</param>
/// <param name="Features">Feature files or folders, relative to the station host's feature root.</param>
/// <param name="Tags">Tag expression, or null for all scenarios.</param>
/// <param name="DutFile">DUT profile, or null for the bench's default.</param>
/// <param name="RunFolder">The run folder to write.</param>
/// <param name="Operator">Who runs it, as the report names them.</param>
/// <param name="Progress">Receives each line of the run's console output as the run goes.</param>
/// <param name="ProgressEvents">Receives the run's typed progress events (added to the run's progress pipeline).</param>
public sealed record CampaignExecution(
    string BenchFile, IReadOnlyList<string> Features, string? Tags, string? DutFile, string RunFolder, string Operator, Action<string> Progress,
    SpaceTestBench.Results.Progress.IProgressSink ProgressEvents)
{
    /// <summary>The serial numbers of the samples the campaign names, in the order they are to be mounted; empty: the bench's own.</summary>
    public IReadOnlyList<string> Samples { get; init; } = [];

    /// <summary>
    /// True to continue the interrupted run recorded in <see cref="RunFolder"/> (<c>spacebench run --resume</c>):
    /// its features, tags, DUT and samples are the record's, and the other inputs are not used.
    /// </summary>
    public bool Resume { get; init; }
}

/// <summary>How a run ended.</summary>
/// <param name="ExitCode"><c>spacebench run</c>'s exit code (0 passed, 1 not passed, 2 could not run).</param>
/// <param name="Verdict">The run's verdict as its store records it ("Pass", "Fail", "Aborted", …).</param>
/// <param name="ReportPath">The report it wrote, if any.</param>
public sealed record CampaignOutcome(int ExitCode, string Verdict, string? ReportPath);
