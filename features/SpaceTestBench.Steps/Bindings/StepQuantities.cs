using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>Checks that a quantity written in a step has the dimension the step needs.</summary>
internal static class StepQuantities
{
    public static Quantity Require(Quantity quantity, Dimension dimension, string what)
    {
        if (quantity.Dimension != dimension)
        {
            throw new UnitMismatchException(
                string.IsNullOrEmpty(quantity.Unit.Symbol)
                    ? $"{what} must be a {dimension} with its unit, but '{quantity}' has no unit."
                    : $"{what} must be a {dimension}, but '{quantity}' is a {quantity.Dimension}.");
        }

        return quantity;
    }
}
