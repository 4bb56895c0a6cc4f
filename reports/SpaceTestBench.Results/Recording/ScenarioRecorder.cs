using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>Records the steps, measurements, series, events and attachments of one scenario.</summary>
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

    /// <summary>Index of the step now running (set by <see cref="StepStarted"/>).</summary>
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

    /// <summary>Records that a step began and makes it the current step.</summary>
    public void StepStarted(int index, string text)
    {
        CurrentStepIndex = index;
        _run.Emit(new StepStarted(_run.Clock.GetUtcNow(), Scenario.ScenarioId, index, text));
    }

    /// <summary>
    /// Records a measurement, judges it against its limit, and returns what was recorded. Throws
    /// <see cref="UnitMismatchException"/> if the limit or a well-known condition has the wrong dimension.
    /// </summary>
    public MeasurementRecorded Measure(
        string name,
        Quantity value,
        Limit? limit = null,
        string? role = null,
        string? instrument = null,
        IReadOnlyDictionary<string, Quantity>? conditions = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        conditions ??= new Dictionary<string, Quantity>();
        WellKnownConditions.Check(conditions);
        var verdict = limit?.Evaluate(value) ?? Verdict.NotSet;
        var recorded = new MeasurementRecorded(
            _run.Clock.GetUtcNow(), Scenario.ScenarioId, CurrentStepIndex, name, value, limit, verdict, role, instrument, conditions);
        lock (_gate)
        {
            _measurementVerdict = Verdicts.Worst(_measurementVerdict, verdict);
        }

        _run.Emit(recorded);
        return recorded;
    }

    /// <summary>Records a bench event during this scenario's current step.</summary>
    public void RecordEvent(BenchEventKind kind, string? role, string message, IReadOnlyDictionary<string, Quantity>? values = null) =>
        _run.Emit(new BenchEventRecorded(
            _run.Clock.GetUtcNow(), Scenario.ScenarioId, CurrentStepIndex, kind, role, message, values ?? new Dictionary<string, Quantity>()));

    /// <summary>Starts a time series: y against bench time, appended as readings arrive.</summary>
    public SeriesRecorder StartTimeSeries(string name, Unit unit, string? role = null, string? instrument = null) =>
        _run.StartSeries(Scenario.ScenarioId, CurrentStepIndex, name, SeriesKind.Time, "time", Units.Second, unit, role, instrument);

    /// <summary>Starts a sweep: y against a swept quantity <paramref name="xName"/> in <paramref name="xUnit"/>.</summary>
    public SeriesRecorder StartSweep(string name, Unit unit, string xName, Unit xUnit, string? role = null, string? instrument = null) =>
        _run.StartSeries(Scenario.ScenarioId, CurrentStepIndex, name, SeriesKind.Sweep, xName, xUnit, unit, role, instrument);

    /// <summary>Keeps a file with this scenario's results (a DUT console log, a screen capture).</summary>
    public void Attach(string name, string mediaType, ReadOnlyMemory<byte> content) =>
        _run.Emit(new AttachmentRecorded(_run.Clock.GetUtcNow(), Scenario.ScenarioId, CurrentStepIndex, name, mediaType, content));

    /// <summary>Records the end of a step.</summary>
    public void StepFinished(int index, string keyword, string text, int line, StepOutcome outcome, TimeSpan duration, string? message) =>
        _run.Emit(new StepFinished(_run.Clock.GetUtcNow(), Scenario.ScenarioId, index, keyword, text, line, outcome, duration, message));

    /// <summary>Records the end of the scenario.</summary>
    public void Finish(Verdict verdict, string? message) =>
        _run.Emit(new ScenarioFinished(_run.Clock.GetUtcNow(), Scenario.ScenarioId, verdict, message));
}
