using System.Text.Json.Serialization;
using SpaceTestBench.Results.Provenance;

namespace SpaceTestBench.Results.Store;

/// <summary>The JSON the store keeps in its text columns (limits, conditions, tags, provenance).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredLimit))]
[JsonSerializable(typeof(Dictionary<string, StoredQuantity>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(RunInfo))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
