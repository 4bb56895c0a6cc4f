using System.Globalization;

namespace SpaceTestBench.Results.Quantities;

/// <summary>
/// A unit of measure: a symbol, the dimension it measures, and how its values convert to the coherent
/// SI unit of that dimension. Most units are linear (<c>si = value × scale + offset</c>); decibel
/// power levels are logarithmic and convert through their own functions.
/// </summary>
public sealed class Unit : IEquatable<Unit>
{
    private readonly Func<double, double> _toSi;
    private readonly Func<double, double> _fromSi;

    private Unit(string symbol, Dimension dimension, double scale, double offset, Func<double, double>? toSi, Func<double, double>? fromSi)
    {
        Symbol = symbol;
        Dimension = dimension;
        Scale = scale;
        Offset = offset;
        _toSi = toSi ?? (v => (v * scale) + offset);
        // Dividing by 1e-3 leaves noise (0.2799 A → 279.90999999999997 mA); multiplying by an exact 1000 does not.
        var inverse = 1 / scale;
        var exactInverse = Math.Abs(inverse - Math.Round(inverse)) <= 1e-9 * Math.Abs(inverse) ? Math.Round(inverse) : double.NaN;
        _fromSi = fromSi ?? (double.IsNaN(exactInverse) ? si => (si - offset) / scale : si => (si - offset) * exactInverse);
        IsLinear = toSi is null;
    }

    /// <summary>The symbol as written in step text and reports ("mA", "krad(Si)", "°C").</summary>
    public string Symbol { get; }

    /// <summary>What the unit measures.</summary>
    public Dimension Dimension { get; }

    /// <summary>Multiplier to the coherent SI unit (for linear units).</summary>
    public double Scale { get; }

    /// <summary>Offset to the coherent SI unit after scaling (°C → K); zero for most units.</summary>
    public double Offset { get; }

    /// <summary>False for logarithmic units such as dBm, whose conversion is not a scale and offset.</summary>
    public bool IsLinear { get; }

    /// <summary>A linear unit.</summary>
    public static Unit Linear(string symbol, Dimension dimension, double scale, double offset = 0) =>
        new(symbol, dimension, scale, offset, null, null);

    /// <summary>A unit with its own conversion functions (logarithmic levels).</summary>
    public static Unit Custom(string symbol, Dimension dimension, Func<double, double> toSi, Func<double, double> fromSi) =>
        new(symbol, dimension, double.NaN, double.NaN, toSi, fromSi);

    /// <summary>A prefixed copy of a linear unit ("m" + "A" → "mA").</summary>
    public Unit WithPrefix(string prefix, double factor)
    {
        if (!IsLinear || Offset != 0)
        {
            throw new InvalidOperationException($"The unit '{Symbol}' cannot take an SI prefix.");
        }

        return Linear(prefix + Symbol, Dimension, Scale * factor);
    }

    /// <summary>Converts a value in this unit to the coherent SI unit.</summary>
    public double ToSi(double value) => _toSi(value);

    /// <summary>Converts a value in the coherent SI unit to this unit.</summary>
    public double FromSi(double siValue) => _fromSi(siValue);

    /// <inheritdoc />
    public bool Equals(Unit? other) =>
        other is not null && Symbol == other.Symbol && Dimension == other.Dimension;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Unit);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Symbol, Dimension);

    /// <inheritdoc />
    public override string ToString() => Symbol;

    /// <summary>Formats a value in this unit for a report cell.</summary>
    public string Format(double value) =>
        string.IsNullOrEmpty(Symbol)
            ? value.ToString("G6", CultureInfo.InvariantCulture)
            : $"{value.ToString("G6", CultureInfo.InvariantCulture)} {Symbol}";
}
