using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Progress;

/// <summary>
/// A result sink that tells progress what was measured: every measurement becomes a <see cref="MeasurementTaken"/>
/// (what a remote viewer plots) and, when it has a limit, a <see cref="MeasurementJudged"/> ("the last judged
/// measurement and its verdict" of the live display).
/// Added to the recorder beside the store, so judging stays where it is and progress only listens.
/// </summary>
/// <param name="progress">Where the judged measurements go.</param>
public sealed class ResultsProgressBridge(IProgressSink progress) : IResultSink
{
    /// <inheritdoc />
    public void Emit(ResultEvent resultEvent)
    {
        if (resultEvent is not MeasurementRecorded measured)
        {
            return;
        }

        progress.Publish(new MeasurementTaken(measured.BenchTime, measured.Name, measured.Value.Value, measured.Value.Unit.Symbol, measured.Limit?.ToString(), measured.Verdict,
            measured.Conditions.ToDictionary(c => c.Key, c => c.Value.ToString(), StringComparer.Ordinal)));
        if (measured.Limit is { } limit)
        {
            progress.Publish(new MeasurementJudged(measured.BenchTime, measured.Name, measured.Value.ToString(), limit.ToString(), measured.Verdict));
        }
    }
}
