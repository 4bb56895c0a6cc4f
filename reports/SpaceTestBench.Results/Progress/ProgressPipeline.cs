namespace SpaceTestBench.Results.Progress;

/// <summary>
/// The one channel progress flows through: procedures, the run and (later) a facility station host publish
/// into it; it keeps the campaign's current <see cref="ProgressSnapshot"/> and passes every event, then the
/// snapshot, to its sinks in order. Publishing never throws because of a sink: progress must never stop a
/// campaign.
/// </summary>
public sealed class ProgressPipeline : IProgressSink
{
    private readonly Lock _gate = new();
    private readonly List<IProgressSink> _sinks;
    private ProgressSnapshot _current = ProgressSnapshot.Empty;

    /// <summary>A pipeline into <paramref name="sinks"/>.</summary>
    public ProgressPipeline(params IEnumerable<IProgressSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = [.. sinks];
    }

    /// <summary>A pipeline with no sink: publishing keeps the snapshot and goes nowhere (a run without a display).</summary>
    public static ProgressPipeline None => new();

    /// <summary>The campaign's picture after the last event.</summary>
    public ProgressSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Adds a sink (before the campaign starts).</summary>
    public void Add(IProgressSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_gate)
        {
            _sinks.Add(sink);
        }
    }

    /// <inheritdoc />
    public void Publish(ProgressEvent progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        lock (_gate)
        {
            _current = _current.With(progress);
            foreach (var sink in _sinks)
            {
                try
                {
                    sink.Publish(progress);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
                {
                    // A display that lost its terminal or a store that was closed must not end the campaign.
                }
            }
        }
    }
}
