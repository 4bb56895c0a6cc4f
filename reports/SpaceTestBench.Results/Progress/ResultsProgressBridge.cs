using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Progress;

/// <summary>
/// A result sink that tells progress what was judged: every measurement recorded with a limit becomes a
/// <see cref="MeasurementJudged"/> ("the last judged measurement and its verdict" of the live display).
/// Added to the recorder beside the store, so judging stays where it is and progress only listens.
/// </summary>
/// <param name="progress">Where the judged measurements go.</param>
public sealed class ResultsProgressBridge(IProgressSink progress) : IResultSink
{
    /// <inheritdoc />
    public void Emit(ResultEvent resultEvent)
    {
        if (resultEvent is MeasurementRecorded { Limit: { } limit } measured)
        {
            progress.Publish(new MeasurementJudged(measured.BenchTime, measured.Name, measured.Value.ToString(), limit.ToString(), measured.Verdict));
        }
    }
}
