using System.Text.RegularExpressions;

namespace SpaceTestBench.Cli.Tests.Support;

/// <summary>
/// What the terminal tests share: finding <c>script</c> (util-linux, which gives a child a pseudo-terminal) and
/// reading the typescript it writes while the child still has it open, with the terminal's escape sequences removed.
/// </summary>
internal static partial class Typescript
{
    /// <summary>The program's path on PATH, or null.</summary>
    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    /// <summary>The file's text, read while another process still writes it.</summary>
    public static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The text without ANSI control and OSC sequences.</summary>
    public static string Strip(string terminal) => AnsiEscape().Replace(terminal, "");

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")]
    private static partial Regex AnsiEscape();
}
