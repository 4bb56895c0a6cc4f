using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SpaceTestBench.Reports.Signing;

/// <summary>
/// What a signature signs: the report's id and revision, the SHA-256 of every artifact, the signer's name, the
/// meaning and the UTC time. Its canonical form is compact UTF-8 JSON with the fields in this order and artifacts
/// sorted by path; the signature covers exactly those bytes, which the signature file keeps verbatim (21 CFR 11.70:
/// the signature is linked to its record and cannot be moved to another).
/// </summary>
/// <param name="ReportId">The report's document number.</param>
/// <param name="Revision">The revision signed.</param>
/// <param name="Artifacts">Every artifact with its SHA-256.</param>
/// <param name="Signer">The signer's name.</param>
/// <param name="Meaning">What the signature means.</param>
/// <param name="SignedAt">When it was signed (UTC, whole seconds).</param>
public sealed record SignatureManifest(string ReportId, int Revision, IReadOnlyList<SignedArtifact> Artifacts, string Signer, SignatureMeaning Meaning, DateTimeOffset SignedAt)
{
    /// <summary>The format's name and version, the first field of the canonical form.</summary>
    public const string Format = "spacebench-report-signature/1";

    /// <summary>The canonical bytes the signature covers.</summary>
    public byte[] ToCanonicalBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("reportId", ReportId);
            json.WriteNumber("revision", Revision);
            json.WriteStartArray("artifacts");
            foreach (var artifact in Artifacts.OrderBy(a => a.Path, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("role", artifact.Role);
                json.WriteString("path", artifact.Path);
                json.WriteString("sha256", artifact.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("signer", Signer);
            json.WriteString("meaning", MeaningText(Meaning));
            json.WriteString("signedAt", SignedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the canonical form back; throws <see cref="InvalidDataException"/> if it is not one.</summary>
    public static SignatureManifest Parse(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        try
        {
            using var document = JsonDocument.Parse(canonical);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new InvalidDataException($"not a {Format} manifest.");
            }

            var artifacts = root.GetProperty("artifacts").EnumerateArray()
                .Select(a => new SignedArtifact(a.GetProperty("role").GetString()!, a.GetProperty("path").GetString()!, a.GetProperty("sha256").GetString()!))
                .ToList();
            var manifest = new SignatureManifest(
                root.GetProperty("reportId").GetString()!,
                root.GetProperty("revision").GetInt32(),
                artifacts,
                root.GetProperty("signer").GetString()!,
                ParseMeaning(root.GetProperty("meaning").GetString()!),
                DateTimeOffset.Parse(root.GetProperty("signedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));

            // Only the canonical form is accepted, so two texts can never carry one signature.
            return Encoding.UTF8.GetString(manifest.ToCanonicalBytes()) == canonical
                ? manifest
                : throw new InvalidDataException("the manifest is not in canonical form.");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"the manifest cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>"authored", "reviewed", "approved".</summary>
    public static string MeaningText(SignatureMeaning meaning) => meaning.ToString().ToLowerInvariant();

    /// <summary>Parses "authored", "reviewed" or "approved".</summary>
    public static SignatureMeaning ParseMeaning(string text) =>
        Enum.TryParse<SignatureMeaning>(text, ignoreCase: true, out var meaning) && Enum.IsDefined(meaning) && !int.TryParse(text, CultureInfo.InvariantCulture, out _)
            ? meaning
            : throw new FormatException($"'{text}' is not a meaning; use authored, reviewed or approved.");
}
