using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceTestBench.Results.Provenance;

/// <summary>
/// Copies of what a run was given, kept in its run folder so a signed report can name them by hash and a
/// reader can see exactly what ran: the bench file, the DUT profile, the feature files and a snapshot of
/// every instrument's calibration record at the start. Written once when the run starts; never rewritten.
/// </summary>
public static class RunInputs
{
    /// <summary>The folder of the copies, relative to the run folder.</summary>
    public const string Folder = "inputs";

    /// <summary>The calibration snapshot, relative to the run folder.</summary>
    public const string CalibrationSnapshot = Folder + "/calibration.json";

    /// <summary>Copies the bench file into the run folder; returns its relative path and SHA-256.</summary>
    public static (string Copy, string Sha256) CopyBenchFile(string runFolder, string benchFile) =>
        Copy(runFolder, benchFile, $"{Folder}/bench/{Path.GetFileName(benchFile)}");

    /// <summary>Copies the DUT profile into the run folder; returns its relative path and SHA-256.</summary>
    public static (string Copy, string Sha256) CopyDutProfile(string runFolder, string dutFile) =>
        Copy(runFolder, dutFile, $"{Folder}/dut/{Path.GetFileName(dutFile)}");

    /// <summary>Copies each feature file (its path and its URI relative to the features root) into the run folder.</summary>
    public static IReadOnlyList<ProcedureInfo> CopyFeatureFiles(string runFolder, IEnumerable<(string Path, string Uri)> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var procedures = new List<ProcedureInfo>();
        foreach (var (path, uri) in features.DistinctBy(f => f.Uri, StringComparer.Ordinal))
        {
            // A URI is relative to the features root; anything that would climb out of the copy folder is flattened.
            var safe = string.Join('/', uri.Replace('\\', '/').Split('/').Where(p => p is not ("" or "." or "..")));
            var (copy, sha) = Copy(runFolder, path, $"{Folder}/features/{safe}");
            procedures.Add(new ProcedureInfo(uri, sha, copy));
        }

        return procedures;
    }

    /// <summary>Writes every instrument's identity and calibration record as the run starts with them.</summary>
    public static string WriteCalibrationSnapshot(string runFolder, IReadOnlyList<InstrumentInfo> instruments)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ArgumentNullException.ThrowIfNull(instruments);
        var target = Path.Combine(runFolder, CalibrationSnapshot);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var snapshot = instruments.Select(i => new CalibrationSnapshotEntry(i.Id, i.Model, i.SerialNumber, i.Firmware, i.Identity, i.CalibrationOrDue)).ToList();
        File.WriteAllText(target, JsonSerializer.Serialize(snapshot, ProvenanceJsonContext.Default.ListCalibrationSnapshotEntry) + "\n");
        return CalibrationSnapshot;
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static (string Copy, string Sha256) Copy(string runFolder, string source, string relative)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ArgumentNullException.ThrowIfNull(source);
        var target = Path.Combine(runFolder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // A run's inputs are its record: an existing copy (a resumed run) is kept, never replaced.
        if (!File.Exists(target))
        {
            File.Copy(source, target);
        }

        return (relative, Sha256Of(target));
    }
}

/// <summary>One instrument in the calibration snapshot.</summary>
/// <param name="Id">Its id in the bench file.</param>
/// <param name="Model">Its model.</param>
/// <param name="SerialNumber">Its serial number.</param>
/// <param name="Firmware">Its firmware, as reported.</param>
/// <param name="Identity">Its <c>*IDN?</c> identity.</param>
/// <param name="Calibration">Its calibration record.</param>
public sealed record CalibrationSnapshotEntry(string Id, string Model, string? SerialNumber, string? Firmware, string Identity, CalibrationRecord Calibration);

/// <summary>JSON of the provenance files the run folder keeps.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<CalibrationSnapshotEntry>))]
internal sealed partial class ProvenanceJsonContext : JsonSerializerContext;
