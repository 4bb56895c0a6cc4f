using System.Text.Json.Serialization;

namespace SpaceTestBench.Results.Progress;

/// <summary>The JSON the run folder's store keeps the latest progress picture in.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProgressSnapshot))]
internal sealed partial class ProgressJsonContext : JsonSerializerContext;
