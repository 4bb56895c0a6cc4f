using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>
/// Condition names the analyses and the report understand. A measurement recorded under these names is
/// drawn and analysed as what it is: a parametric at a dose step, a single-event exposure, a bit-error
/// count at a received power. The recorder checks the dimension of every well-known condition, so a
/// dose given in volts is an error at recording time, not a wrong plot later.
/// </summary>
public static class WellKnownConditions
{
    /// <summary>Total ionising dose accumulated before the measurement (absorbed dose, e.g. krad(Si)).</summary>
    public const string TotalIonisingDose = "total ionising dose";

    /// <summary>Time annealed after irradiation before the measurement (time; MIL-STD-883 TM 1019 §3.11/3.12).</summary>
    public const string AnnealTime = "anneal time";

    /// <summary>The ion's LET at normal incidence (MeV·cm²/mg).</summary>
    public const string LinearEnergyTransfer = "LET";

    /// <summary>Angle between the beam and the die normal (°); effective LET and fluence use cos θ.</summary>
    public const string TiltAngle = "tilt angle";

    /// <summary>Particle fluence of the exposure, measured normal to the beam (ions/cm²).</summary>
    public const string Fluence = "fluence";

    /// <summary>Number of bits (or devices) exposed, to normalise a cross-section per bit (count).</summary>
    public const string BitsExposed = "bits exposed";

    /// <summary>Optical power at the receiver input (dBm or W).</summary>
    public const string ReceivedOpticalPower = "received optical power";

    /// <summary>Number of bits compared by the error detector (count).</summary>
    public const string BitsCompared = "bits compared";

    /// <summary>The bit error ratio the link must reach; the sensitivity is quoted at it (ratio).</summary>
    public const string TargetBitErrorRatio = "target bit error ratio";

    /// <summary>Number of inferences checked against the golden model (count).</summary>
    public const string Inferences = "inferences";

    /// <summary>Dose rate of the irradiation that delivered <see cref="TotalIonisingDose"/> (e.g. rad(Si)/s); drifts at different rates are never pooled.</summary>
    public const string DoseRate = "dose rate";

    /// <summary>Temperature of the anneal before the measurement (e.g. 25 °C room-temperature, 100 °C rebound; TM 1019 §3.11/3.12).</summary>
    public const string AnnealTemperature = "anneal temperature";

    /// <summary>
    /// The sample's number within the scenario's sample plan (1-based, count). Its serial number and its group
    /// (biased, unbiased, control) are in the scenario's sample events. Drift is fitted per sample.
    /// </summary>
    public const string Sample = "sample";

    /// <summary>Whether the sample was irradiated under bias (1), unbiased (0), or is an unirradiated control (-1) (count).</summary>
    public const string SampleBias = "sample bias";

    /// <summary>Relative standard uncertainty of the fluence from the beam's dosimetry (ratio, e.g. 0.1 for ±10 %, k = 1).</summary>
    public const string FluenceUncertainty = "fluence uncertainty";

    /// <summary>Standard uncertainty of the received optical power from the power meter's calibration (dB, k = 1).</summary>
    public const string ReceivedPowerUncertainty = "received power uncertainty";

    /// <summary>Total errors counted (count), recorded beside a ratio so a table can show counts, not a ratio rounded to a count.</summary>
    public const string ErrorsCounted = "errors counted";

    private static readonly Dictionary<string, Dimension> Dimensions = new(StringComparer.Ordinal)
    {
        [TotalIonisingDose] = Dimension.AbsorbedDose,
        [AnnealTime] = Dimension.TimeDim,
        [LinearEnergyTransfer] = Dimension.LinearEnergyTransfer,
        [TiltAngle] = Dimension.None,
        [Fluence] = Dimension.Fluence,
        [BitsExposed] = Dimension.None,
        [ReceivedOpticalPower] = Dimension.Power,
        [BitsCompared] = Dimension.None,
        [TargetBitErrorRatio] = Dimension.None,
        [Inferences] = Dimension.None,
        [DoseRate] = Dimension.AbsorbedDoseRate,
        [AnnealTemperature] = Dimension.TemperatureDim,
        [Sample] = Dimension.None,
        [SampleBias] = Dimension.None,
        [FluenceUncertainty] = Dimension.None,
        [ReceivedPowerUncertainty] = Dimension.None,
        [ErrorsCounted] = Dimension.None,
    };

    /// <summary>The dimension a well-known condition must have, or null for any other name.</summary>
    public static Dimension? DimensionOf(string name) => Dimensions.TryGetValue(name, out var dimension) ? dimension : null;

    /// <summary>Throws <see cref="UnitMismatchException"/> if a well-known condition has the wrong dimension.</summary>
    public static void Check(IReadOnlyDictionary<string, Quantity> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (var (name, value) in conditions)
        {
            if (DimensionOf(name) is { } expected)
            {
                value.RequireSameDimension(expected, $"record the condition '{name}'");
            }
        }
    }
}
