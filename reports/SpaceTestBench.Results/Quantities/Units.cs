using System.Collections.Frozen;
using System.Globalization;

namespace SpaceTestBench.Results.Quantities;

/// <summary>
/// The units the facility writes in feature files, bench files and DUT profiles, and the parser for unit
/// expressions such as <c>mA</c>, <c>krad(Si)</c>, <c>rad(Si)/h</c>, <c>ions/cm²</c> or <c>MeV·cm²/mg</c>.
/// </summary>
public static class Units
{
    /// <summary>Dimensionless count or ratio (empty symbol).</summary>
    public static readonly Unit One = Unit.Linear("", Dimension.None, 1);

    /// <summary>Percent.</summary>
    public static readonly Unit Percent = Unit.Linear("%", Dimension.None, 0.01);

    /// <summary>Volt.</summary>
    public static readonly Unit Volt = Unit.Linear("V", Dimension.Voltage, 1);

    /// <summary>Ampere.</summary>
    public static readonly Unit Ampere = Unit.Linear("A", Dimension.CurrentDim, 1);

    /// <summary>Milliampere.</summary>
    public static readonly Unit Milliampere = Ampere.WithPrefix("m", 1e-3);

    /// <summary>Watt.</summary>
    public static readonly Unit Watt = Unit.Linear("W", Dimension.Power, 1);

    /// <summary>Ohm.</summary>
    public static readonly Unit Ohm = Unit.Linear("Ω", Dimension.Resistance, 1);

    /// <summary>Second.</summary>
    public static readonly Unit Second = Unit.Linear("s", Dimension.TimeDim, 1);

    /// <summary>Millisecond.</summary>
    public static readonly Unit Millisecond = Second.WithPrefix("m", 1e-3);

    /// <summary>Minute.</summary>
    public static readonly Unit Minute = Unit.Linear("min", Dimension.TimeDim, 60);

    /// <summary>Hour.</summary>
    public static readonly Unit Hour = Unit.Linear("h", Dimension.TimeDim, 3600);

    /// <summary>Hertz.</summary>
    public static readonly Unit Hertz = Unit.Linear("Hz", Dimension.Frequency, 1);

    /// <summary>Kelvin.</summary>
    public static readonly Unit Kelvin = Unit.Linear("K", Dimension.TemperatureDim, 1);

    /// <summary>Degree Celsius (an offset unit: 0 °C = 273.15 K).</summary>
    public static readonly Unit DegreeCelsius = Unit.Linear("°C", Dimension.TemperatureDim, 1, 273.15);

    /// <summary>Gray in silicon (J/kg deposited in Si).</summary>
    public static readonly Unit GraySilicon = Unit.Linear("Gy(Si)", Dimension.AbsorbedDose, 1);

    /// <summary>rad in silicon (0.01 Gy(Si)).</summary>
    public static readonly Unit RadSilicon = Unit.Linear("rad(Si)", Dimension.AbsorbedDose, 0.01);

    /// <summary>Power level in decibels relative to 1 mW.</summary>
    public static readonly Unit DecibelMilliwatt = Unit.Custom(
        "dBm", Dimension.Power, dbm => 1e-3 * Math.Pow(10, dbm / 10), watts => 10 * Math.Log10(watts / 1e-3));

    /// <summary>Power ratio in decibels.</summary>
    public static readonly Unit Decibel = Unit.Custom(
        "dB", Dimension.None, db => Math.Pow(10, db / 10), ratio => 10 * Math.Log10(ratio));

    /// <summary>Bit per second.</summary>
    public static readonly Unit BitPerSecond = Unit.Linear("bps", Dimension.DataRate, 1);

    private static readonly (string Symbol, double Factor)[] Prefixes =
    [
        ("da", 1e1), ("Y", 1e24), ("Z", 1e21), ("E", 1e18), ("P", 1e15), ("T", 1e12), ("G", 1e9), ("M", 1e6),
        ("k", 1e3), ("h", 1e2), ("d", 1e-1), ("c", 1e-2), ("m", 1e-3), ("µ", 1e-6), ("μ", 1e-6), ("u", 1e-6),
        ("n", 1e-9), ("p", 1e-12), ("f", 1e-15), ("a", 1e-18),
    ];

    // Atomic units: symbol → (unit, accepts SI prefixes).
    private static readonly FrozenDictionary<string, (Unit Unit, bool Prefixable)> Atoms = BuildAtoms();

    private static FrozenDictionary<string, (Unit, bool)> BuildAtoms()
    {
        var atoms = new Dictionary<string, (Unit, bool)>(StringComparer.Ordinal);
        void Add(Unit unit, bool prefixable, params string[] aliases)
        {
            atoms[unit.Symbol] = (unit, prefixable);
            foreach (var alias in aliases)
            {
                atoms[alias] = (unit, prefixable);
            }
        }

        Add(Percent, false);
        Add(Unit.Linear("ppm", Dimension.None, 1e-6), false);
        Add(Volt, true);
        Add(Ampere, true);
        Add(Watt, true);
        Add(Ohm, true, "ohm", "Ohm");
        Add(Second, true);
        Add(Minute, false);
        Add(Hour, false);
        Add(Unit.Linear("d", Dimension.TimeDim, 86400), false, "day", "days");
        Add(Hertz, true);
        Add(Kelvin, true);
        Add(DegreeCelsius, false, "degC", "℃");
        Add(Unit.Linear("F", Dimension.Capacitance, 1), true);
        Add(Unit.Linear("J", Dimension.Energy, 1), true);
        Add(Unit.Linear("eV", Dimension.Energy, 1.602176634e-19), true);
        Add(Unit.Linear("g", Dimension.MassDim, 1e-3), true);
        Add(Unit.Linear("m", Dimension.LengthDim, 1), true);
        Add(Unit.Linear("Pa", Dimension.Pressure, 1), true);
        Add(Unit.Linear("bar", Dimension.Pressure, 1e5), true);
        Add(Unit.Linear("Torr", Dimension.Pressure, 101325.0 / 760), true, "torr");
        Add(GraySilicon, true);
        Add(RadSilicon, true);
        Add(DecibelMilliwatt, false);
        Add(Decibel, false);
        Add(Unit.Linear("bit", Dimension.InformationDim, 1), true, "b");
        Add(BitPerSecond, true, "bit/s");
        Add(Unit.Linear("rad", Dimension.None, 1), true); // plane angle; dose needs rad(Si)
        Add(Unit.Linear("°", Dimension.None, Math.PI / 180), false, "deg");
        // Particle counts are dimensionless: "ions/cm²" has the dimension of cm⁻².
        Add(Unit.Linear("ions", Dimension.None, 1), false, "ion", "particles", "p", "protons", "n", "neutrons", "events", "bits");
        return atoms.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Parses a unit expression. Throws <see cref="FormatException"/> naming the unknown part.</summary>
    public static Unit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var unit, out var error) ? unit : throw new FormatException(error);
    }

    /// <summary>Parses a unit expression without throwing.</summary>
    public static bool TryParse(string text, out Unit unit, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        unit = One;
        error = "";
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (Atoms.TryGetValue(trimmed, out var whole))
        {
            unit = whole.Unit;
            return true;
        }

        // A compound expression: factors joined by '·', '*', '.', or '/'. Offsets (°C) are dropped in
        // compounds, where they can only mean a temperature difference ("3 °C/h").
        var dimension = Dimension.None;
        var scale = 1.0;
        var index = 0;
        var dividing = false;
        while (index < trimmed.Length)
        {
            var start = index;
            while (index < trimmed.Length && !IsOperator(trimmed[index]))
            {
                index++;
            }

            var factorText = trimmed[start..index].Trim();
            if (factorText.Length == 0)
            {
                error = $"'{text}' is not a unit: an operator has nothing on its {(start == 0 ? "left" : "right")}.";
                return false;
            }

            if (!TryParseFactor(factorText, out var factorUnit, out var exponent))
            {
                error = $"'{factorText}' in '{text}' is not a known unit.";
                return false;
            }

            if (!factorUnit.IsLinear)
            {
                error = $"'{factorUnit.Symbol}' is logarithmic and cannot be part of the compound unit '{text}'.";
                return false;
            }

            var signed = dividing ? -exponent : exponent;
            dimension *= factorUnit.Dimension.Pow(signed);
            scale *= Math.Pow(factorUnit.Scale, signed);
            if (index < trimmed.Length)
            {
                dividing = trimmed[index] == '/';
                index++;
            }
        }

        unit = Unit.Linear(trimmed, dimension, scale);
        return true;
    }

    private static bool IsOperator(char c) => c is '/' or '·' or '*' or '⋅';

    private static bool TryParseFactor(string text, out Unit unit, out int exponent)
    {
        exponent = 1;
        var body = text;
        if (body.EndsWith('²'))
        {
            (body, exponent) = (body[..^1], 2);
        }
        else if (body.EndsWith('³'))
        {
            (body, exponent) = (body[..^1], 3);
        }
        else
        {
            var caret = body.IndexOf('^', StringComparison.Ordinal);
            var tail = caret >= 0 ? body[(caret + 1)..] : TrailingSignedDigits(body);
            if (tail.Length > 0 && int.TryParse(tail, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                body = caret >= 0 ? body[..caret] : body[..^tail.Length];
                exponent = parsed;
            }
        }

        return TryParseAtom(body, out unit);
    }

    private static string TrailingSignedDigits(string text)
    {
        var i = text.Length;
        while (i > 0 && char.IsAsciiDigit(text[i - 1]))
        {
            i--;
        }

        if (i == text.Length || i == 0)
        {
            return "";
        }

        // "cm-2" has an exponent; "rad(Si)" ends in ')' and "Gy" in a letter, so digits only count after a letter or '-'.
        if (text[i - 1] == '-' && i > 1)
        {
            i--;
        }

        return text[i..];
    }

    private static bool TryParseAtom(string text, out Unit unit)
    {
        if (Atoms.TryGetValue(text, out var atom))
        {
            unit = atom.Unit;
            return true;
        }

        foreach (var (prefix, factor) in Prefixes)
        {
            if (text.Length > prefix.Length && text.StartsWith(prefix, StringComparison.Ordinal) &&
                Atoms.TryGetValue(text[prefix.Length..], out var prefixed) && prefixed.Prefixable)
            {
                unit = prefixed.Unit.WithPrefix(prefix, factor);
                return true;
            }
        }

        unit = One;
        return false;
    }
}
