using Reqnroll;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>
/// The step catalog's parameter types: one per <see cref="QuantityKind"/>, each returning its own type
/// (<see cref="Voltage"/>, <see cref="Dose"/>, …) so a binding's signature says what it takes. Each matches
/// any number with a unit and parses it with the one quantity parser, then requires its kind's dimension: a
/// wrong or missing unit fails the step (naming its file, line and text) in a run and in a dry run, never a
/// guess. <c>{quantity}</c> returns a plain <see cref="Quantity"/> whose dimension the step checks.
/// </summary>
[Binding]
public sealed class QuantityParameterTypes
{
    /// <summary>Any quantity, its dimension checked by the step.</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "quantity")]
    public static Quantity ToQuantity(string text) => QuantityKinds.Named("quantity").Parse(text);

    /// <summary>A voltage ("1.8 V").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "voltage")]
    public static Voltage ToVoltage(string text) => new(QuantityKinds.Named("voltage").Parse(text));

    /// <summary>A current ("450 mA").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "current")]
    public static Current ToCurrent(string text) => new(QuantityKinds.Named("current").Parse(text));

    /// <summary>A resistance ("100 mΩ").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "resistance")]
    public static Resistance ToResistance(string text) => new(QuantityKinds.Named("resistance").Parse(text));

    /// <summary>A power ("2 W").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "power")]
    public static Power ToPower(string text) => new(QuantityKinds.Named("power").Parse(text));

    /// <summary>An optical power level ("-35 dBm").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "power-level")]
    public static PowerLevel ToPowerLevel(string text) => new(QuantityKinds.Named("power-level").Parse(text));

    /// <summary>A temperature ("-55 °C").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "temperature")]
    public static Temperature ToTemperature(string text) => new(QuantityKinds.Named("temperature").Parse(text));

    /// <summary>A rate of frequency change ("20 MHz/s", a Doppler rate).</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "frequency-rate")]
    public static FrequencyRate ToFrequencyRate(string text) => new(QuantityKinds.Named("frequency-rate").Parse(text));

    /// <summary>A rate of temperature change ("3 °C/min").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "temperature-rate")]
    public static TemperatureRate ToTemperatureRate(string text) => new(QuantityKinds.Named("temperature-rate").Parse(text));

    /// <summary>A duration ("168 h").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "duration")]
    public static Duration ToDuration(string text) => new(QuantityKinds.Named("duration").Parse(text));

    /// <summary>An absorbed dose in silicon ("100 krad(Si)").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "dose")]
    public static Dose ToDose(string text) => new(QuantityKinds.Named("dose").Parse(text));

    /// <summary>A dose rate in silicon ("36 rad(Si)/h").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "dose-rate")]
    public static DoseRate ToDoseRate(string text) => new(QuantityKinds.Named("dose-rate").Parse(text));

    /// <summary>A particle fluence ("1e7 ions/cm²").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "fluence")]
    public static Fluence ToFluence(string text) => new(QuantityKinds.Named("fluence").Parse(text));

    /// <summary>A particle flux ("1e4 ions/cm²/s").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "flux")]
    public static Flux ToFlux(string text) => new(QuantityKinds.Named("flux").Parse(text));

    /// <summary>A linear energy transfer in silicon ("37 MeV·cm²/mg").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "LET")]
    public static LinearEnergyTransfer ToLinearEnergyTransfer(string text) => new(QuantityKinds.Named("LET").Parse(text));

    /// <summary>A particle energy ("67 MeV").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "energy")]
    public static ParticleEnergy ToParticleEnergy(string text) => new(QuantityKinds.Named("energy").Parse(text));

    /// <summary>A cross-section per device or per bit ("1e-5 cm²", "1e-8 cm²/bit").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "cross-section")]
    public static CrossSection ToCrossSection(string text) => new(QuantityKinds.Named("cross-section").Parse(text));

    /// <summary>An angle ("60°", "2 µrad").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "angle")]
    public static Angle ToAngle(string text) => new(QuantityKinds.Named("angle").Parse(text));

    /// <summary>A proportion of a stated reference, with its % or ppm ("95 %").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "percentage")]
    public static Percentage ToPercentage(string text) => new(QuantityKinds.Named("percentage").Parse(text));

    /// <summary>A ratio: a plain number, a percentage or decibels ("1e-9", "95 %", "3 dB").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "ratio")]
    public static Ratio ToRatio(string text) => new(QuantityKinds.Named("ratio").Parse(text));

    /// <summary>A data rate ("10 Gbps").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "data-rate")]
    public static DataRate ToDataRate(string text) => new(QuantityKinds.Named("data-rate").Parse(text));

    /// <summary>A frequency ("10 GHz").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "frequency")]
    public static Frequency ToFrequency(string text) => new(QuantityKinds.Named("frequency").Parse(text));

    /// <summary>A distance ("40000 km").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "distance")]
    public static Distance ToDistance(string text) => new(QuantityKinds.Named("distance").Parse(text));

    /// <summary>A pressure ("1e-4 Torr").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "pressure")]
    public static Pressure ToPressure(string text) => new(QuantityKinds.Named("pressure").Parse(text));

    /// <summary>A rate of voltage change ("10 V/s").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityCapture, Name = "voltage-rate")]
    public static VoltageRate ToVoltageRate(string text) => new(QuantityKinds.Named("voltage-rate").Parse(text));
    /// <summary>Absorbed doses sharing one unit ("5, 10, 20 and 50 krad(Si)").</summary>
    [StepArgumentTransformation(QuantityKinds.QuantityListCapture, Name = "doses")]
    public static Doses ToDoses(string text) => new(QuantityKinds.ParseList(QuantityKinds.Named("dose"), text));
}
