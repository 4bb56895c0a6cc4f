using System.Text.Json.Serialization;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Store;

/// <summary>A quantity as the store keeps it in JSON: the number exactly, and the unit as written.</summary>
internal sealed record StoredQuantity(
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string Unit)
{
    public static StoredQuantity? From(Quantity? quantity) =>
        quantity is { } q ? new StoredQuantity(q.Value, q.Unit.Symbol) : null;

    public Quantity ToQuantity() => new(Value, Units.Parse(Unit));
}
