using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>
/// Typed ways to record the data the qualification analyses need, so step authors cannot get the
/// well-known condition names or their dimensions wrong. Each records an ordinary measurement.
/// </summary>
public static class QualificationRecording
{
    /// <summary>
    /// Records a parametric measured after <paramref name="dose"/> of total ionising dose, and after
    /// <paramref name="annealTime"/> of anneal if it is an anneal step (MIL-STD-883 TM 1019, ESCC 22900).
    /// </summary>
    public static MeasurementRecorded MeasureAtDose(
        this ScenarioRecorder scenario,
        string name,
        Quantity value,
        Quantity dose,
        Limit? limit = null,
        Quantity? annealTime = null,
        string? role = null,
        string? instrument = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal) { [WellKnownConditions.TotalIonisingDose] = dose };
        if (annealTime is { } anneal)
        {
            conditions[WellKnownConditions.AnnealTime] = anneal;
        }

        return scenario.Measure(name, value, limit, role, instrument, conditions);
    }

    /// <summary>
    /// Records one heavy-ion or proton exposure: the events of one effect ("SEU") counted at an ion's LET,
    /// tilt and fluence. The report derives σ = N/(Φ·cos θ) with Poisson bounds and fits the Weibull curve.
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="effect">The effect counted ("SEU", "SEL", "SEFI"); the measurement is named "<paramref name="effect"/> events".</param>
    /// <param name="events">Events counted during the exposure.</param>
    /// <param name="linearEnergyTransfer">The ion's LET at normal incidence.</param>
    /// <param name="fluence">The fluence delivered, measured normal to the beam.</param>
    /// <param name="tilt">Tilt of the die from the beam axis; 0° if null.</param>
    /// <param name="bitsExposed">Bits (or devices) exposed, to quote σ per bit; whole device if null.</param>
    /// <param name="limit">A limit on the event count, if the procedure has one (e.g. "no SEL": x ≤ 0).</param>
    /// <param name="role">The bench role that counted.</param>
    /// <param name="instrument">The counting instrument's identity.</param>
    public static MeasurementRecorded RecordSingleEventExposure(
        this ScenarioRecorder scenario,
        string effect,
        long events,
        Quantity linearEnergyTransfer,
        Quantity fluence,
        Quantity? tilt = null,
        long? bitsExposed = null,
        Limit? limit = null,
        string? role = null,
        string? instrument = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            [WellKnownConditions.LinearEnergyTransfer] = linearEnergyTransfer,
            [WellKnownConditions.Fluence] = fluence,
            [WellKnownConditions.TiltAngle] = tilt ?? new Quantity(0, Units.Parse("°")),
        };
        if (bitsExposed is { } bits)
        {
            conditions[WellKnownConditions.BitsExposed] = new Quantity(bits, Units.One);
        }

        return scenario.Measure($"{effect} events", new Quantity(events, Units.One), limit, role, instrument, conditions);
    }

    /// <summary>
    /// Records the bit errors counted at one received optical power (one point of a BER waterfall).
    /// The report fits the waterfall and quotes the sensitivity at <paramref name="targetBitErrorRatio"/>.
    /// </summary>
    public static MeasurementRecorded RecordBitErrors(
        this ScenarioRecorder scenario,
        long errors,
        long bitsCompared,
        Quantity receivedPower,
        double? targetBitErrorRatio = null,
        string name = "bit errors",
        string? role = null,
        string? instrument = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegative(errors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bitsCompared);
        var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            [WellKnownConditions.ReceivedOpticalPower] = receivedPower,
            [WellKnownConditions.BitsCompared] = new Quantity(bitsCompared, Units.One),
        };
        if (targetBitErrorRatio is { } target)
        {
            conditions[WellKnownConditions.TargetBitErrorRatio] = new Quantity(target, Units.One);
        }

        return scenario.Measure(name, new Quantity(errors, Units.One), null, role, instrument, conditions);
    }

    /// <summary>
    /// Records the inference errors (outputs that differ from the golden model) among
    /// <paramref name="inferences"/> checked, under further conditions such as fluence or dose.
    /// </summary>
    public static MeasurementRecorded RecordInferenceErrors(
        this ScenarioRecorder scenario,
        string name,
        long errors,
        long inferences,
        IReadOnlyDictionary<string, Quantity>? conditions = null,
        Limit? limit = null,
        string? role = null,
        string? instrument = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegative(errors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inferences);
        var all = new Dictionary<string, Quantity>(conditions ?? new Dictionary<string, Quantity>(), StringComparer.Ordinal)
        {
            [WellKnownConditions.Inferences] = new Quantity(inferences, Units.One),
        };
        return scenario.Measure(name, new Quantity(errors, Units.One), limit, role, instrument, all);
    }
}
