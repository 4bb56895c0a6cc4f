namespace SpaceTestBench.Cli.Running;

/// <summary>What <c>spacebench run</c> was asked to do (paths resolved, defaults applied).</summary>
/// <param name="BenchFile">The bench file.</param>
/// <param name="Features">Feature files and folders.</param>
/// <param name="FeaturesRoot">Folder feature URIs are relative to.</param>
/// <param name="Tags">Tag expression selecting scenarios, or null for all.</param>
/// <param name="DutFile">DUT profile, or null for the bench's default.</param>
/// <param name="RunFolder">The run folder to write.</param>
public sealed record RunRequest(
    string BenchFile,
    IReadOnlyList<string> Features,
    string FeaturesRoot,
    string? Tags,
    string? DutFile,
    string RunFolder)
{
    /// <summary>Match every step without executing any (<c>--dry-run</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>Run a failed scenario up to this many more times (<c>--retry N</c>).</summary>
    public int Retry { get; init; }

    /// <summary>Scenario order (<c>--order defined|reverse</c>).</summary>
    public Gherkin.Execution.RunOrder Order { get; init; }

    /// <summary>True when <see cref="RunFolder"/> holds an interrupted run to continue (<c>--resume</c>).</summary>
    public bool Resume { get; init; }

    /// <summary>Where the interrupted run stands (set with <see cref="Resume"/>).</summary>
    public Results.Store.ResumePoint? ResumeFrom { get; init; }

    /// <summary>How progress is shown: null picks live on a terminal, plain lines otherwise (<c>--quiet</c>: <see cref="Progress.ProgressMode.Quiet"/>).</summary>
    public Progress.ProgressMode? Progress { get; init; }

    /// <summary>How often plain progress lines are written at most (wall clock).</summary>
    public TimeSpan ProgressLineInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Who runs it, as the report names them (<c>--operator</c>); null: the bench file's operator, else "not stated".
    /// Never the login name: the report names a person who answers for the run.
    /// </summary>
    public string? Operator { get; init; }

    /// <summary>
    /// How long the campaign is planned to take in bench time (<c>--planned-duration</c>), so the calibration gate can
    /// check every instrument stays calibrated until the planned end; null: unknown, checked at the start only.
    /// </summary>
    public TimeSpan? PlannedDuration { get; init; }

    /// <summary>
    /// The serial numbers of the samples the run may mount (<c>--sample</c>, a facility campaign's samples), in the
    /// order they are to be mounted; empty: the bench's own (a simulated bench numbers its lot from the DUT profile).
    /// </summary>
    public IReadOnlyList<string> Samples { get; init; } = [];
}
