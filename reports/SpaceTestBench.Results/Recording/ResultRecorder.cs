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

    /// <summary>Creates a recorder that stamps with <paramref name="clock"/> and writes to <paramref name="sinks"/>.</summary>
    public ResultRecorder(TimeProvider clock, params IResultSink[] sinks)
    {
        _clock = clock;
        _sinks = sinks;
    }

    /// <summary>The bench clock.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Passes an event to every sink.</summary>
    public void Emit(ResultEvent resultEvent)
    {
        lock (_gate)
        {
            foreach (var sink in _sinks)
            {
                sink.Emit(resultEvent);
            }
        }
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

    /// <summary>Records a bench event that belongs to no scenario.</summary>
    public void RecordEvent(string kind, string? role, string message) =>
        Emit(new BenchEventRecorded(_clock.GetUtcNow(), null, kind, role, message));
}

/// <summary>Records the measurements and events of one scenario.</summary>
public sealed class ScenarioRecorder
{
    private readonly ResultRecorder _run;
    private readonly Lock _gate = new();
    private Verdict _measurementVerdict = Verdict.NotSet;

    internal ScenarioRecorder(ResultRecorder run, ScenarioInfo scenario)
    {
        _run = run;
        Scenario = scenario;
    }

    /// <summary>The scenario being recorded.</summary>
    public ScenarioInfo Scenario { get; }

    /// <summary>Index of the step now running (set by the Gherkin integration).</summary>
    public int CurrentStepIndex { get; set; }

    /// <summary>The most severe verdict of the measurements recorded so far.</summary>
    public Verdict MeasurementVerdict
    {
        get
        {
            lock (_gate)
            {
                return _measurementVerdict;
            }
        }
    }

    /// <summary>Records a measurement, judges it against its limit, and returns what was recorded.</summary>
    public MeasurementRecorded Measure(
        string name,
        Quantity value,
        Limit? limit = null,
        string? role = null,
        string? instrument = null,
        IReadOnlyDictionary<string, Quantity>? conditions = null)
    {
        var verdict = limit?.Evaluate(value) ?? Verdict.NotSet;
        var recorded = new MeasurementRecorded(
            _run.Clock.GetUtcNow(), Scenario.ScenarioId, CurrentStepIndex, name, value, limit, verdict, role, instrument,
            conditions ?? new Dictionary<string, Quantity>());
        lock (_gate)
        {
            _measurementVerdict = Verdicts.Worst(_measurementVerdict, verdict);
        }

        _run.Emit(recorded);
        return recorded;
    }

    /// <summary>Records a bench event during this scenario.</summary>
    public void RecordEvent(string kind, string? role, string message) =>
        _run.Emit(new BenchEventRecorded(_run.Clock.GetUtcNow(), Scenario.ScenarioId, kind, role, message));

    /// <summary>Records the end of a step.</summary>
    public void StepFinished(int index, string keyword, string text, int line, StepOutcome outcome, TimeSpan duration, string? message) =>
        _run.Emit(new StepFinished(_run.Clock.GetUtcNow(), Scenario.ScenarioId, index, keyword, text, line, outcome, duration, message));

    /// <summary>Records the end of the scenario.</summary>
    public void Finish(Verdict verdict, string? message) =>
        _run.Emit(new ScenarioFinished(_run.Clock.GetUtcNow(), Scenario.ScenarioId, verdict, message));
}
