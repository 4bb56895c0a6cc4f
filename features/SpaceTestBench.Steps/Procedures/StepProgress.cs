using SpaceTestBench.Bench;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// How procedures tell the operator where a step stands, in its own quantities (the dose delivered of its
/// target, the fluence and events counted, anneal hours, cycle k of n, bits through a gate), stamped with
/// bench time, into the run's one <see cref="IProgressSink"/>.
/// </summary>
public sealed class StepProgress(BenchSession bench, IProgressSink sink)
{
    private static readonly Unit Hour = Units.Hour;

    /// <summary>Publishes what the step is doing and its gauges now.</summary>
    public void Report(string activity, params ProgressGauge[] gauges) =>
        sink.Publish(new StepProgressReported(bench.Clock.GetUtcNow(), activity, gauges));

    /// <summary>
    /// Waits <paramref name="duration"/> of bench time through the bench (checkpointed like any long wait),
    /// publishing it as hours elapsed of the total, growing with the clock.
    /// </summary>
    public Task WaitAsync(string activity, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Report(activity, new ProgressGauge("elapsed", 0, duration.TotalHours, Hour.Symbol, 1.0 / 3600));
        return bench.WaitAsync(duration, cancellationToken);
    }
}
