using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>
/// The one entry point for results during a run: it stamps events with bench time and passes them, in
/// order, to every sink. A measurement's verdict is computed here from its limits, never asserted by a step.
/// </summary>
public sealed class ResultRecorder
{
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<IResultSink> _sinks;
    private readonly Lock _gate = new();
    private int _scenarioCount;
    private int _seriesCount;

    /// <summary>Creates a recorder that stamps with <paramref name="clock"/> and writes to <paramref name="sinks"/>.</summary>
    public ResultRecorder(TimeProvider clock, params IResultSink[] sinks)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(sinks);
        _clock = clock;
        _sinks = sinks;
    }

    /// <summary>The bench clock.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Passes an event to every sink, in order; a durable sink has kept it when this returns.</summary>
    public void Emit(ResultEvent resultEvent)
    {
        ArgumentNullException.ThrowIfNull(resultEvent);
        lock (_gate)
        {
            foreach (var sink in _sinks)
            {
                sink.Emit(resultEvent);
            }
        }
    }

    /// <summary>
    /// The run so far restricted to one scenario, read back from the first sink that keeps results
    /// (<see cref="IResultReadBack"/>), after every event emitted before this call; null when no sink keeps them.
    /// </summary>
    public Store.RunResults? ReadBack(string scenarioId)
    {
        ArgumentNullException.ThrowIfNull(scenarioId);
        lock (_gate)
        {
            return _sinks.OfType<IResultReadBack>().FirstOrDefault()?.ReadScenario(scenarioId);
        }
    }

    /// <summary>
    /// Continues an interrupted run recorded in the same store: scenario and series ids go on after
    /// <paramref name="scenarios"/> and <paramref name="series"/>, so nothing already recorded is overwritten.
    /// </summary>
    public void ContinueAfter(int scenarios, int series)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scenarios);
        ArgumentOutOfRangeException.ThrowIfNegative(series);
        Interlocked.Exchange(ref _scenarioCount, scenarios);
        Interlocked.Exchange(ref _seriesCount, series);
    }

    /// <summary>Returns the recorder of a scenario an interrupted run had started (no new scenario record).</summary>
    public ScenarioRecorder ResumeScenario(ScenarioInfo scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ScenarioRecorder(this, scenario);
    }

    /// <summary>Records the start of the run.</summary>
    public void StartRun(RunInfo run) => Emit(new RunStarted(_clock.GetUtcNow(), run));

    /// <summary>Records the end of the run.</summary>
    public void FinishRun(DateTimeOffset finishedWall, Verdict verdict) => Emit(new RunFinished(_clock.GetUtcNow(), finishedWall, verdict));

    /// <summary>Opens a scenario and returns the recorder its steps use.</summary>
    public ScenarioRecorder StartScenario(string featureUri, string featureName, string? ruleName, string name, int line, IReadOnlyList<string> tags)
    {
        var id = $"S{Interlocked.Increment(ref _scenarioCount):D4}";
        var info = new ScenarioInfo(id, featureUri, featureName, ruleName, name, line, tags);
        Emit(new ScenarioStarted(_clock.GetUtcNow(), info));
        return new ScenarioRecorder(this, info);
    }

    /// <summary>Records a bench event that belongs to no scenario (an interlock trip between scenarios).</summary>
    public void RecordEvent(BenchEventKind kind, string? role, string message, IReadOnlyDictionary<string, Quantity>? values = null) =>
        Emit(new BenchEventRecorded(_clock.GetUtcNow(), null, null, kind, role, message, values ?? new Dictionary<string, Quantity>()));

    /// <summary>Starts a run-level time series (a chamber monitor that runs across scenarios).</summary>
    public SeriesRecorder StartTimeSeries(string name, Unit unit, string? role = null, string? instrument = null) =>
        StartSeries(null, null, name, SeriesKind.Time, "time", Units.Second, unit, role, instrument);

    /// <summary>Keeps a file with the run's results.</summary>
    public void Attach(string name, string mediaType, ReadOnlyMemory<byte> content) =>
        Emit(new AttachmentRecorded(_clock.GetUtcNow(), null, null, name, mediaType, content));

    internal SeriesRecorder StartSeries(
        string? scenarioId, int? stepIndex, string name, SeriesKind kind, string xName, Unit xUnit, Unit yUnit, string? role, string? instrument)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(xUnit);
        ArgumentNullException.ThrowIfNull(yUnit);
        if (WellKnownSeries.DimensionOf(name) is { } expected && expected != yUnit.Dimension)
        {
            throw new UnitMismatchException($"The series '{name}' is a {expected}; '{yUnit.Symbol}' is a {yUnit.Dimension}.");
        }

        if (kind == SeriesKind.Sweep && WellKnownConditions.DimensionOf(xName) is { } expectedX && expectedX != xUnit.Dimension)
        {
            throw new UnitMismatchException($"The sweep axis '{xName}' is a {expectedX}; '{xUnit.Symbol}' is a {xUnit.Dimension}.");
        }

        var now = _clock.GetUtcNow();
        var info = new SeriesInfo(Interlocked.Increment(ref _seriesCount), scenarioId, stepIndex, name, kind, xName, xUnit, yUnit, role, instrument, now);
        Emit(new SeriesStarted(now, info));
        return new SeriesRecorder(this, info);
    }
}
