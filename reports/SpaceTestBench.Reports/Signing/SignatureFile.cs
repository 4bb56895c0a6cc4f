using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceTestBench.Reports.Signing;

/// <summary>
/// A signature as kept in <c>revisions/rN/signatures/</c>: the canonical manifest verbatim, the ECDSA P-256
/// signature over its UTF-8 bytes (SHA-256, IEEE P1363 r‖s, base64) and the signer's public key (SPKI DER, base64).
/// </summary>
/// <param name="Manifest">The canonical manifest text.</param>
/// <param name="Signature">The signature, base64.</param>
/// <param name="PublicKey">The public key, base64.</param>
public sealed record SignatureFile(
    [property: JsonPropertyName("manifest")] string Manifest,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("publicKey")] string PublicKey)
{
    /// <summary>Signs <paramref name="manifest"/> with <paramref name="key"/>.</summary>
    public static SignatureFile Sign(SignatureManifest manifest, SignerKey key)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(key);
        var bytes = manifest.ToCanonicalBytes();
        return new SignatureFile(Encoding.UTF8.GetString(bytes), Convert.ToBase64String(key.Key.SignData(bytes, HashAlgorithmName.SHA256)), key.PublicKeyBase64);
    }

    /// <summary>True if the signature is the public key's over the manifest's bytes.</summary>
    public bool SignatureIsValid()
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(PublicKey), out _);
            return key.KeySize == 256 && key.VerifyData(Encoding.UTF8.GetBytes(Manifest), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 fingerprint of the public key (first 16 hex digits), to tell keys apart in the report.</summary>
    public string KeyFingerprint => Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(PublicKey)))[..16];

    /// <summary>Writes the file.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, SigningJsonContext.Default.SignatureFile) + "\n");

    /// <summary>Reads a signature file; throws <see cref="InvalidDataException"/> naming it.</summary>
    public static SignatureFile Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), SigningJsonContext.Default.SignatureFile)
                ?? throw new InvalidDataException($"{path}: empty signature file.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a signature file ({e.Message}).", e);
        }
    }
}

/// <summary>JSON of the signature files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SignatureFile))]
internal sealed partial class SigningJsonContext : JsonSerializerContext;
