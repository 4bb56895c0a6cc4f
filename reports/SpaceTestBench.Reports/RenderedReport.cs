using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;

namespace SpaceTestBench.Reports;

/// <summary>The files a report rendering produced.</summary>
/// <param name="Report">report.html.</param>
/// <param name="Csv">results.csv.</param>
/// <param name="Junit">junit.xml.</param>
/// <param name="Manifest">manifest.sha256.</param>
/// <param name="Plots">PNG files of the figures.</param>
/// <param name="Judgement">The verdicts as the report states them (<see cref="VerdictPolicy"/>): what the console and the exit code read.</param>
public sealed record RenderedReport(string Report, string Csv, string Junit, string Manifest, IReadOnlyList<string> Plots, RunJudgement Judgement)
{
    /// <summary>The run's verdict as the report states it.</summary>
    public Verdict Verdict => Judgement.Verdict;
}
