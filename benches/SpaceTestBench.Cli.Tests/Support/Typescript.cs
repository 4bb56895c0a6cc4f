using System.Diagnostics;
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

    /// <summary>
    /// Starts <c>spacebench</c> with <paramref name="arguments"/> (already shell-quoted) in a 140×45 pseudo-terminal
    /// under <c>script</c>, which writes what the terminal shows to <paramref name="typescript"/>; with
    /// <paramref name="keyboard"/>, the child's standard input is the terminal's keyboard (Ctrl-C typed there
    /// becomes SIGINT, as an operator's key press does). Its own copy of the terminal is drained so the run never
    /// blocks on a full pipe.
    /// </summary>
    public static Process StartSpacebench(string typescript, string arguments, bool keyboard = false)
    {
        var script = Which("script") ?? throw new AssertionException(
            "This test runs spacebench in a pseudo-terminal with `script` (util-linux), which is not installed: apt-get install bsdutils (Debian/Ubuntu) or dnf install util-linux.");
        var command = $"stty cols 140 rows 45; exec env {Spacebench.DefaultSignals} dotnet '{Path.Combine(AppContext.BaseDirectory, "spacebench.dll")}' {arguments}";
        var start = new ProcessStartInfo(script) { WorkingDirectory = Spacebench.Root, UseShellExecute = false, RedirectStandardInput = keyboard, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-qfec", command, typescript })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = "xterm-256color";
        var child = Process.Start(start)!;
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    /// <summary>What the terminal has shown so far, without escape sequences; empty before <c>script</c> created the file.</summary>
    public static string Screen(string typescript) => File.Exists(typescript) ? Strip(ReadShared(typescript)) : "";

    /// <summary>The text without ANSI control and OSC sequences.</summary>
    public static string Strip(string terminal) => AnsiEscape().Replace(terminal, "");

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")]
    private static partial Regex AnsiEscape();
}
