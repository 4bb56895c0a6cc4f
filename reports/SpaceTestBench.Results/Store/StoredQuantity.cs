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

/// <summary>A limit as the store keeps it in JSON.</summary>
internal sealed record StoredLimit(
    [property: JsonPropertyName("comparison")] LimitComparison Comparison,
    [property: JsonPropertyName("low")] StoredQuantity? Low,
    [property: JsonPropertyName("high")] StoredQuantity? High,
    [property: JsonPropertyName("nominal")] StoredQuantity? Nominal,
    [property: JsonPropertyName("tolerance")] StoredQuantity? Tolerance)
{
    public static StoredLimit From(Limit limit) => new(
        limit.Comparison, StoredQuantity.From(limit.Low), StoredQuantity.From(limit.High),
        StoredQuantity.From(limit.Nominal), StoredQuantity.From(limit.Tolerance));

    public Limit ToLimit() => Limit.FromParts(Comparison, Low?.ToQuantity(), High?.ToQuantity(), Nominal?.ToQuantity(), Tolerance?.ToQuantity());
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredLimit))]
[JsonSerializable(typeof(Dictionary<string, StoredQuantity>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
