using System.Text.Json;

namespace SpaceTestBench.Results.Progress;

/// <summary>
/// A <see cref="ProgressSnapshot"/> as JSON (camelCase, enums as their names): the form the run folder's store
/// keeps and a facility campaign's "snapshot" events carry, so every reader parses one shape.
/// </summary>
public static class ProgressSnapshotJson
{
    /// <summary>The snapshot as JSON.</summary>
    public static string Serialize(ProgressSnapshot snapshot) => JsonSerializer.Serialize(snapshot, ProgressJsonContext.Default.ProgressSnapshot);

    /// <summary>A snapshot from JSON; <see cref="InvalidDataException"/> naming <paramref name="source"/> when it is not one.</summary>
    public static ProgressSnapshot Deserialize(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ProgressJsonContext.Default.ProgressSnapshot)
                ?? throw new InvalidDataException($"{source}: the progress record is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a progress snapshot ({e.Message}).", e);
        }
    }
}
