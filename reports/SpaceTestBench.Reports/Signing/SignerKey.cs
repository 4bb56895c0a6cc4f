using System.Security.Cryptography;

namespace SpaceTestBench.Reports.Signing;

/// <summary>
/// A signer's ECDSA P-256 key with the signer's name. The private key is a PKCS#8 PEM file, the public key an SPKI PEM
/// file; each starts with a <c>Signer: NAME</c> line, so a key always says whose it is.
/// </summary>
public sealed class SignerKey : IDisposable
{
    private const string SignerLine = "Signer: ";

    private SignerKey(string signer, ECDsa key) => (Signer, Key) = (signer, key);

    /// <summary>Whose key it is, as reports name them.</summary>
    public string Signer { get; }

    /// <summary>The key.</summary>
    public ECDsa Key { get; }

    /// <summary>Makes a new P-256 key for <paramref name="signer"/>.</summary>
    public static SignerKey Generate(string signer)
    {
        if (string.IsNullOrWhiteSpace(signer) || signer.Contains('\n', StringComparison.Ordinal) || signer.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("A signer is named on one line, e.g. \"Dana Reviewer\".", nameof(signer));
        }

        return new SignerKey(signer.Trim(), ECDsa.Create(ECCurve.NamedCurves.nistP256));
    }

    /// <summary>
    /// Writes <c>PREFIX.key.pem</c> (private: keep it to yourself) and <c>PREFIX.pub.pem</c>; refuses to replace either.
    /// Returns the two paths.
    /// </summary>
    public (string PrivateKey, string PublicKey) Save(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var privatePath = prefix + ".key.pem";
        var publicPath = prefix + ".pub.pem";
        foreach (var existing in new[] { privatePath, publicPath }.Where(File.Exists))
        {
            throw new IOException($"{existing} exists; a key is never overwritten. Choose another --out.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(privatePath))!);
        using (var stream = new FileStream(privatePath, FileMode.CreateNew, FileAccess.Write))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using var writer = new StreamWriter(stream);
            writer.Write($"{SignerLine}{Signer}\n{Key.ExportPkcs8PrivateKeyPem()}\n");
        }

        File.WriteAllText(publicPath, $"{SignerLine}{Signer}\n{Key.ExportSubjectPublicKeyInfoPem()}\n");
        return (privatePath, publicPath);
    }

    /// <summary>Reads a private key file written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> naming the file.</summary>
    public static SignerKey Load(string privateKeyFile)
    {
        ArgumentNullException.ThrowIfNull(privateKeyFile);
        var text = File.ReadAllText(privateKeyFile);
        var first = text.Split('\n', 2)[0].TrimEnd('\r');
        if (!first.StartsWith(SignerLine, StringComparison.Ordinal) || first.Length == SignerLine.Length)
        {
            throw new InvalidDataException($"{privateKeyFile}: the first line must name the signer (\"{SignerLine}NAME\"); make keys with 'spacebench report keygen'.");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text.AsSpan(first.Length));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{privateKeyFile}: not a PEM private key ({e.Message}).", e);
        }

        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new InvalidDataException($"{privateKeyFile}: not an ECDSA P-256 key.");
        }

        return new SignerKey(first[SignerLine.Length..].Trim(), key);
    }

    /// <summary>The public key, DER SubjectPublicKeyInfo, base64.</summary>
    public string PublicKeyBase64 => Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo());

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();
}
