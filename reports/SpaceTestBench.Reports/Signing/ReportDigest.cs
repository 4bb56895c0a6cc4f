using System.Security.Cryptography;
using System.Text;

namespace SpaceTestBench.Reports.Signing;

/// <summary>
/// The SHA-256 a signature covers for a report: the report's bytes with the content of its approval block left out,
/// because signing writes each signature into that block (21 CFR 11.50: the signature's manifestation is part of the
/// human-readable record). The block itself is checked apart: it must be exactly what the revision's signature
/// files render, so no byte of the report escapes verification.
/// </summary>
public static class ReportDigest
{
    /// <summary>The comment that opens the approval block.</summary>
    public const string Begin = "<!--approval-block:begin-->";

    /// <summary>The comment that closes the approval block.</summary>
    public const string End = "<!--approval-block:end-->";

    private static readonly byte[] BeginBytes = Encoding.UTF8.GetBytes(Begin);
    private static readonly byte[] EndBytes = Encoding.UTF8.GetBytes(End);

    /// <summary>The approval-independent SHA-256 of the report file, lower-case hex.</summary>
    public static string OfFile(string report) => Of(File.ReadAllBytes(report));

    /// <summary>The approval-independent SHA-256 of report bytes, lower-case hex.</summary>
    public static string Of(ReadOnlySpan<byte> report)
    {
        var (start, end) = Block(report);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (start < 0)
        {
            hash.AppendData(report);
        }
        else
        {
            hash.AppendData(report[..start]);
            hash.AppendData(report[end..]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The approval block's content (between the markers), or null if the report has no single block.</summary>
    public static string? BlockOf(ReadOnlySpan<byte> report)
    {
        var (start, end) = Block(report);
        return start < 0 ? null : Encoding.UTF8.GetString(report[start..end]);
    }

    /// <summary>The report with its approval block's content replaced by <paramref name="content"/>.</summary>
    public static byte[] WithBlock(ReadOnlySpan<byte> report, string content)
    {
        var (start, end) = Block(report);
        if (start < 0)
        {
            throw new InvalidDataException("The report has no approval block to sign into; render it again with this version of SpaceTestBench.");
        }

        return [.. report[..start], .. Encoding.UTF8.GetBytes(content), .. report[end..]];
    }

    /// <summary>Start (after the begin marker) and end (at the end marker) of the block; (-1, -1) unless exactly one.</summary>
    private static (int Start, int End) Block(ReadOnlySpan<byte> report)
    {
        var begin = report.IndexOf(BeginBytes);
        var end = report.IndexOf(EndBytes);
        if (begin < 0 || end < begin || report[(begin + 1)..].IndexOf(BeginBytes) >= 0 || report[(end + 1)..].IndexOf(EndBytes) >= 0)
        {
            return (-1, -1);
        }

        return (begin + BeginBytes.Length, end);
    }
}
