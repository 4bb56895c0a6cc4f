using System.Globalization;

namespace SpaceTestBench.Results.Quantities;

/// <summary>
/// A number with its unit, as measured or as written in a limit. Comparing or converting quantities of
/// different dimensions throws <see cref="UnitMismatchException"/>: a current is never compared with a
/// voltage limit.
/// </summary>
public readonly record struct Quantity(double Value, Unit Unit) : IComparable<Quantity>
{
    /// <summary>The value in the coherent SI unit of its dimension.</summary>
    public double SiValue => Unit.ToSi(Value);

    /// <summary>What the quantity measures.</summary>
    public Dimension Dimension => Unit.Dimension;

    /// <summary>A quantity given in the coherent SI unit of a dimension, shown in <paramref name="display"/>.</summary>
    public static Quantity FromSi(double siValue, Unit display) => new(display.FromSi(siValue), display);

    /// <summary>Parses "1.8 V", "-55 °C", "1e7 ions/cm²", "36 rad(Si)/h".</summary>
    public static Quantity Parse(string text) => QuantityParser.Parse(text);

    /// <summary>The same quantity expressed in another unit of the same dimension.</summary>
    public Quantity ConvertTo(Unit target)
    {
        ArgumentNullException.ThrowIfNull(target);
        RequireSameDimension(target.Dimension, $"convert {this} to {target.Symbol}");
        return new Quantity(target.FromSi(SiValue), target);
    }

    /// <summary>The value in the given unit.</summary>
    public double In(Unit target) => ConvertTo(target).Value;

    /// <summary>Throws unless <paramref name="expected"/> is this quantity's dimension.</summary>
    public void RequireSameDimension(Dimension expected, string operation)
    {
        if (expected != Dimension)
        {
            throw new UnitMismatchException(
                $"Cannot {operation}: {this} is a {Dimension}, not a {expected}.");
        }
    }

    /// <inheritdoc />
    public int CompareTo(Quantity other)
    {
        other.RequireSameDimension(Dimension, $"compare {this} with {other}");
        return SiValue.CompareTo(other.SiValue);
    }

    /// <summary>True if <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    /// <summary>True if <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    /// <summary>True if <paramref name="left"/> is at most <paramref name="right"/>.</summary>
    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    /// <summary>True if <paramref name="left"/> is at least <paramref name="right"/>.</summary>
    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>The quantity scaled by a pure number.</summary>
    public static Quantity operator *(Quantity quantity, double factor) => quantity.Unit.IsLinear && quantity.Unit.Offset == 0
        ? new Quantity(quantity.Value * factor, quantity.Unit)
        : FromSi(quantity.SiValue * factor, quantity.Unit);

    /// <summary>Named alternative to <c>*</c>.</summary>
    public static Quantity Multiply(Quantity quantity, double factor) => quantity * factor;

    /// <inheritdoc />
    public override string ToString() => Unit.Format(Value);

    /// <summary>The value formatted with the given numeric format, then the unit.</summary>
    public string ToString(string format) =>
        string.IsNullOrEmpty(Unit.Symbol)
            ? Value.ToString(format, CultureInfo.InvariantCulture)
            : $"{Value.ToString(format, CultureInfo.InvariantCulture)} {Unit.Symbol}";
}
