using System.Text.Json.Serialization;

namespace SpaceTestBench.Results.Store;

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
