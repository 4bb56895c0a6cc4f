using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>
/// The kinds of quantity step text can carry. Each is a Cucumber Expression parameter type defined by
/// <see cref="QuantityParameterTypes"/>, so a step's pattern documents the unit it wants
/// (<c>the gamma source is set to {dose-rate}</c>) and one parser reads them all.
/// </summary>
public static class QuantityKinds
{
    /// <summary>A number, optionally signed, with an optional exponent or "× 10^n".</summary>
    public const string NumberRegex = @"[-+−]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?:\s*×\s*10\^[-+]?\d+)?";

    /// <summary>A unit expression: anything up to the next space, comma or semicolon that does not start with a digit.</summary>
    public const string UnitRegex = @"[^\s\d,;][^\s,;]*";

    /// <summary>A number with an optional unit ("1.8 V", "-55 °C", "1e7 ions/cm²", "1e-9").</summary>
    public const string QuantityRegex = NumberRegex + @"(?:\s*" + UnitRegex + ")?";

    /// <summary>Numbers sharing one unit: "5, 10, 20 and 100 krad(Si)".</summary>
    public const string QuantityListRegex = NumberRegex + @"(?:\s*,\s*" + NumberRegex + @")*(?:\s*,?\s+and\s+" + NumberRegex + @")?\s*" + UnitRegex;

    /// <summary>
    /// <see cref="QuantityRegex"/> as one capture group, for a transformation: Reqnroll's runtime passes a
    /// transformation the groups its regex captures (none: no argument at all), so the whole quantity is group 1.
    /// </summary>
    public const string QuantityCapture = "(" + QuantityRegex + ")";

    /// <summary><see cref="QuantityListRegex"/> as one capture group (see <see cref="QuantityCapture"/>).</summary>
    public const string QuantityListCapture = "(" + QuantityListRegex + ")";

    /// <summary>The longest duration a step may take: a year.</summary>
    public static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(366);

    private static readonly string[] AngleUnits = ["°", "deg", "rad", "mrad", "µrad", "μrad", "urad"];

    /// <summary>Any quantity; the step checks what it needs.</summary>
    public static QuantityKind Any { get; } = new("quantity", "a number with its unit", "1.8 V", "any", []);

    /// <summary>Every kind, in catalog order.</summary>
    public static IReadOnlyList<QuantityKind> All { get; } =
    [
        Any,
        Kind("voltage", "a voltage", "1.8 V", "V, mV", Dimension.Voltage),
        Kind("current", "a current", "450 mA", "A, mA, µA", Dimension.CurrentDim),
        Kind("resistance", "a resistance", "100 mΩ", "Ω, mΩ, kΩ", Dimension.Resistance),
        Kind("power", "a power", "2 W", "W, mW", Dimension.Power),
        Kind("power-level", "an optical power level", "-35 dBm", "dBm, mW, µW", Dimension.Power),
        Kind("temperature", "a temperature", "-55 °C", "°C, K", Dimension.TemperatureDim),
        Kind("temperature-rate", "a rate of temperature change", "3 °C/min", "°C/min, K/h", Dimension.TemperatureDim / Dimension.TimeDim),
        Kind("duration", "a duration", "168 h", "s, ms, min, h, d", Dimension.TimeDim) with
        {
            // The longest step of a qualification is an anneal or a soak of weeks; a year or more is a slip of
            // unit or exponent ("2e8 h"), and would keep a bench (or the virtual clock's checkpoints) busy for days.
            ValueRule = duration => duration.SiValue < 0 ? "is negative"
                : duration.SiValue > MaximumDuration.TotalSeconds ? $"is longer than {MaximumDuration.TotalDays:0} days, more than any step of a qualification waits"
                : null,
        },
        Kind("dose", "an absorbed dose in silicon", "100 krad(Si)", "rad(Si), krad(Si), Gy(Si)", Dimension.AbsorbedDose),
        Kind("dose-rate", "a dose rate in silicon", "36 rad(Si)/h", "rad(Si)/h, rad(Si)/s, krad(Si)/h", Dimension.AbsorbedDoseRate),
        new("doses", "absorbed doses sharing one unit", "5, 10, 20 and 50 krad(Si)", "rad(Si), krad(Si), Gy(Si)", [Dimension.AbsorbedDose]) { IsList = true },
        Kind("fluence", "a particle fluence", "1e7 ions/cm²", "ions/cm², p/cm²", Dimension.Fluence),
        Kind("flux", "a particle flux", "1e4 ions/cm²/s", "ions/cm²/s, p/cm²/s", Dimension.Flux),
        Kind("LET", "a linear energy transfer in silicon", "37 MeV·cm²/mg", "MeV·cm²/mg", Dimension.LinearEnergyTransfer),
        Kind("energy", "a particle energy", "67 MeV", "MeV, GeV", Dimension.Energy),
        new("cross-section", "a cross-section per device or per bit", "1e-5 cm²", "cm², cm²/bit",
            [Dimension.Area, Dimension.Area / Dimension.InformationDim]),
        new("angle", "an angle", "60°", "°, rad, mrad, µrad", [Dimension.None])
        {
            UnitRule = unit => AngleUnits.Contains(unit.Symbol),
            UnitRuleText = "an angle unit (°, rad, mrad, µrad)",
        },
        new("ratio", "a ratio: a plain number, a percentage or decibels", "1e-9", "%, ppm, dB, or none", [Dimension.None])
        {
            UnitRule = unit => !AngleUnits.Contains(unit.Symbol) && unit.Symbol is not ("ions" or "particles" or "p" or "protons" or "bits" or "events"),
            UnitRuleText = "a ratio (%, ppm, dB or a plain number)",
        },
        new("percentage", "a proportion of a stated reference (a setting, the nominal voltage, a dose)", "95 %", "%, ppm", [Dimension.None])
        {
            // "95 of nominal" could mean 95 % or 95 times: a proportion of something must say its unit.
            UnitRule = unit => unit.Symbol is "%" or "ppm",
            UnitRuleText = "a percentage (%, or ppm)",
        },
        Kind("data-rate", "a data rate", "10 Gbps", "bps, Mbps, Gbps", Dimension.DataRate),
        Kind("frequency", "a frequency", "10 GHz", "Hz, kHz, MHz, GHz", Dimension.Frequency),
        Kind("frequency-rate", "a rate of frequency change (a Doppler rate)", "20 MHz/s", "Hz/s, kHz/s, MHz/s", Dimension.Frequency / Dimension.TimeDim),
        Kind("distance", "a distance", "40000 km", "m, km", Dimension.LengthDim),
        Kind("pressure", "a pressure", "1e-4 Torr", "Pa, mPa, Torr, mbar", Dimension.Pressure),
        Kind("voltage-rate", "a rate of voltage change", "10 V/s", "V/s, mV/ms", Dimension.Voltage / Dimension.TimeDim),
    ];

    /// <summary>The kind named <paramref name="name"/> (as in braces, without them).</summary>
    public static QuantityKind Named(string name) =>
        All.FirstOrDefault(k => k.Name == name) ?? throw new ArgumentException($"No quantity kind {{{name}}}; kinds: {string.Join(", ", All.Select(k => k.Name))}.", nameof(name));

    /// <summary>Parses a list of one kind ("5, 10 and 20 krad(Si)"): every number takes the unit written last.</summary>
    public static IReadOnlyList<Quantity> ParseList(QuantityKind element, string text)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(text);
        var match = System.Text.RegularExpressions.Regex.Match(text.Trim(), $"^(?<numbers>.*?{NumberRegex})\\s*(?<unit>{UnitRegex})$");
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a list of numbers with one unit; {{{element.Name}}} needs {element.Description}, such as {element.Example}.");
        }

        var unit = match.Groups["unit"].Value;
        var numbers = System.Text.RegularExpressions.Regex.Split(match.Groups["numbers"].Value, @"\s*,\s*and\s+|\s*,\s*|\s+and\s+");
        return numbers.Select(n => element.Parse($"{n} {unit}")).ToList();
    }

    private static QuantityKind Kind(string name, string description, string example, string units, Dimension dimension) =>
        new(name, description, example, units, [dimension]);
}
