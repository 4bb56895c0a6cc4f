using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Steps.Parameters;

namespace SpaceTestBench.Steps.Planning;

/// <summary>The converted arguments of a matched step (what its binding would be called with), by position.</summary>
/// <param name="Values">The values.</param>
public sealed record StepArguments(IReadOnlyList<object?> Values)
{
    /// <summary>Argument <paramref name="index"/> as a quantity, whatever its kind (<see cref="Voltage"/>, <see cref="Dose"/>, …).</summary>
    public Quantity Quantity(int index) => Values[index] is Quantity plain ? plain : Get<QuantityArgument>(index).Quantity;

    /// <summary>Argument <paramref name="index"/> as a quantity, in SI units.</summary>
    public double Si(int index) => Quantity(index).SiValue;

    /// <summary>Argument <paramref name="index"/> as <typeparamref name="T"/>.</summary>
    public T Get<T>(int index) => Values[index] is T value
        ? value
        : throw new InvalidOperationException($"Step argument {index} is a {Values[index]?.GetType().Name ?? "null"}, not a {typeof(T).Name}: the estimator and its binding disagree.");
}
