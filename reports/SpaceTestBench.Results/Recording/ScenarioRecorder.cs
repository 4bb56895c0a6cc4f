using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>Records the steps, measurements, series, events and attachments of one scenario.</summary>
public sealed class ScenarioRecorder
{
    private readonly ResultRecorder _run;
    private readonly Lock _gate = new();
    private readonly List<MeasurementRecorded> _measurements = [];
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
    /// The step that recorded it fails at its end if it missed its limit (the engine judges every
    /// measurement of a step when the step ends; the binding does nothing more). <paramref name="decision"/>
    /// states the limit's source when the procedure, not the feature file, set it (a default limit).
    /// <paramref name="measuredAt"/> is the bench time the value was measured, when that was earlier than now: a Then
    /// step judging what its When step measured passes each measurement's own time (a basket transfer's arrival), so
    /// its calibration at the time of use and its place in the record are those of the measurement, not of the
    /// judgement. Null: now. A time after now is refused.
    /// </summary>
    public MeasurementRecorded Measure(
        string name,
        Quantity value,
        Limit? limit = null,
        string? role = null,
        string? instrument = null,
        IReadOnlyDictionary<string, Quantity>? conditions = null,
        string? decision = null,
        DateTimeOffset? measuredAt = null) =>
        Record(name, value, limit, limit?.Evaluate(value) ?? Verdict.NotSet, decision, role, instrument, conditions, measuredAt);

    /// <summary>
    /// Records a measurement the bench's own evidence says it cannot judge (the measurement system drifted, as an
    /// unirradiated control shows): <see cref="Verdict.Inconclusive"/> whatever the value against its limit, never Pass
    /// and not a Fail of the DUT. The decision is <paramref name="decision"/> (the limit's source) followed by
    /// "Inconclusive: " and <paramref name="reason"/>, which names the evidence (the drift, what was allowed and
    /// where that allowance comes from), so the report shows why beside the limit.
    /// </summary>
    public MeasurementRecorded MeasureInconclusive(
        string name,
        Quantity value,
        Limit? limit,
        string reason,
        string? role = null,
        string? instrument = null,
        IReadOnlyDictionary<string, Quantity>? conditions = null,
        string? decision = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _ = limit?.Evaluate(value); // the limit's dimension is checked as for any measurement
        return Record(name, value, limit, Verdict.Inconclusive, decision is null ? $"Inconclusive: {reason}" : $"{decision}; Inconclusive: {reason}", role, instrument, conditions);
    }

    /// <summary>
    /// Records a counted rate (k events in an exposure) judged on its confidence bounds, not its point estimate
    /// (<see cref="Judging.CountedRate"/>): Pass only if the one-sided upper bound meets <paramref name="limit"/>,
    /// Fail if the lower bound misses it, otherwise Inconclusive with the exposure that would decide. The events
    /// counted and both bounds are recorded as conditions, so tables show counts, not a ratio rounded to one.
    /// <paramref name="limitSource"/>, when the scenario names where its limit comes from, is written before the
    /// decision ("limit from …"), so the report shows the source beside the limit.
    /// <paramref name="notTestedFor"/>, for events a run counts beside what it tests for (a functional interrupt during an
    /// upset run that ended at its upset count), says why that run is judged only where its count decides: an undecided
    /// count is then recorded NotSet with that reason and the exposure that would decide, never Pass, and not Inconclusive
    /// either, since the run did not set out to demonstrate the limit.
    /// </summary>
    public MeasurementRecorded MeasureCountedRate(
        string name,
        Judging.CountedRate rate,
        Limit limit,
        string? role = null,
        string? instrument = null,
        IReadOnlyDictionary<string, Quantity>? conditions = null,
        string? limitSource = null,
        string? notTestedFor = null)
    {
        ArgumentNullException.ThrowIfNull(rate);
        ArgumentNullException.ThrowIfNull(limit);
        var judgement = rate.Judge(limit);
        var all = new Dictionary<string, Quantity>(conditions ?? new Dictionary<string, Quantity>(), StringComparer.Ordinal)
        {
            [WellKnownConditions.ErrorsCounted] = new(rate.Events, Units.One),
            [$"{rate.Convention} upper bound"] = rate.UpperBound,
            [$"{rate.Convention} lower bound"] = rate.LowerBound,
        };
        var decision = limitSource is null ? judgement.Decision : $"limit from {limitSource}; {judgement.Decision}";
        if (notTestedFor is not null && judgement.Verdict == Verdict.Inconclusive)
        {
            return Record(name, rate.Rate, limit, Verdict.NotSet, $"not judged: {notTestedFor}; {decision}", role, instrument, all);
        }

        return Record(name, rate.Rate, limit, judgement.Verdict, decision, role, instrument, all);
    }

    /// <summary>The measurements recorded so far in step <paramref name="stepIndex"/>, in order.</summary>
    public IReadOnlyList<MeasurementRecorded> MeasurementsOf(int stepIndex)
    {
        lock (_gate)
        {
            return _measurements.Where(m => m.StepIndex == stepIndex).ToList();
        }
    }

    private MeasurementRecorded Record(
        string name, Quantity value, Limit? limit, Verdict verdict, string? decision, string? role, string? instrument, IReadOnlyDictionary<string, Quantity>? conditions,
        DateTimeOffset? measuredAt = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        conditions ??= new Dictionary<string, Quantity>();
        WellKnownConditions.Check(conditions);
        var now = _run.Clock.GetUtcNow();
        if (measuredAt > now)
        {
            throw new ArgumentOutOfRangeException(nameof(measuredAt), measuredAt,
                $"'{name}' cannot have been measured at {measuredAt:O}, after the bench time now ({now:O}).");
        }

        var recorded = new MeasurementRecorded(
            measuredAt ?? now, Scenario.ScenarioId, CurrentStepIndex, name, value, limit, verdict, role, instrument, conditions)
        {
            Decision = decision,
        };
        lock (_gate)
        {
            _measurementVerdict = Verdicts.Worst(_measurementVerdict, verdict);
            _measurements.Add(recorded);
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
