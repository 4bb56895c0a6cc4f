using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>
/// A quantity of one kind taken from step text: the base of <see cref="Voltage"/>, <see cref="Dose"/>,
/// <see cref="Fluence"/> and the other parameter types of <see cref="QuantityParameterTypes"/>. Each kind is
/// its own type so that a binding's signature says what it takes, and so that a runtime choosing a step
/// argument transformation by target type (as Reqnroll does) finds exactly one for each kind. It converts
/// implicitly to the <see cref="Results.Quantities.Quantity"/> the procedures work in.
/// </summary>
/// <param name="Quantity">The value with its unit, already checked against the kind.</param>
public abstract record QuantityArgument(Quantity Quantity)
{
    /// <summary>The value in SI units.</summary>
    public double SiValue => Quantity.SiValue;

    /// <summary>The value in the unit it was written in.</summary>
    public double Value => Quantity.Value;

    /// <summary>The unit it was written in.</summary>
    public Unit Unit => Quantity.Unit;

    /// <summary>Its physical dimension.</summary>
    public Dimension Dimension => Quantity.Dimension;

    /// <summary>The same quantity in <paramref name="target"/>.</summary>
    public Quantity ConvertTo(Unit target) => Quantity.ConvertTo(target);

    /// <summary>The value in <paramref name="target"/>.</summary>
    public double In(Unit target) => Quantity.In(target);

    /// <summary>The quantity the procedures take.</summary>
    public static implicit operator Quantity(QuantityArgument argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.Quantity;
    }

    /// <summary>The quantity the procedures take.</summary>
    public Quantity ToQuantity() => Quantity;

    /// <summary>
    /// The quantity as written ("100 °C"). Sealed: a derived record would otherwise synthesise its own
    /// "Temperature { Quantity = … }", and a step's evidence text interpolates these arguments.
    /// </summary>
    public sealed override string ToString() => Quantity.ToString();
}
