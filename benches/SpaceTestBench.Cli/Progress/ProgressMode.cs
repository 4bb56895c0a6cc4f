namespace SpaceTestBench.Cli.Progress;

/// <summary>How a run shows its progress.</summary>
public enum ProgressMode
{
    /// <summary>A live display redrawn in place (an interactive terminal).</summary>
    Live,

    /// <summary>Plain lines at a steady rate (CI, a log file, <c>| tee</c>).</summary>
    Lines,

    /// <summary>Neither (<c>--quiet</c>): only the scenarios' verdicts and the summary.</summary>
    Quiet,
}
