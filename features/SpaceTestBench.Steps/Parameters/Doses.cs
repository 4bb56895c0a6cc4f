using System.Collections;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>Absorbed doses sharing one unit ("5, 10, 20 and 50 krad(Si)"): <c>{doses}</c> in a step.</summary>
/// <param name="Values">The doses, in the order written.</param>
public sealed record Doses(IReadOnlyList<Quantity> Values) : IReadOnlyList<Quantity>
{
    /// <inheritdoc />
    public Quantity this[int index] => Values[index];

    /// <inheritdoc />
    public int Count => Values.Count;

    /// <inheritdoc />
    public IEnumerator<Quantity> GetEnumerator() => Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Values);
}
