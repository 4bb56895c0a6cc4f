using System.Diagnostics;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Support;

/// <summary>Runs the <c>spacebench</c> command in-process with a captured console, or as a child process.</summary>
internal static class Spacebench
{
    /// <summary>The checkout's root.</summary>
    public static string Root => TestRepository.Root;

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunCommandTests.Spacebench(args);

    /// <summary>
    /// Starts <c>spacebench</c> as a child process in the checkout's root, output redirected, with SIGINT handled as an
    /// operator's terminal would deliver it (<see cref="DefaultSignals"/>).
    /// </summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(string[])"/>, with <paramref name="environment"/> added to the child's environment.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DefaultSignals);
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "spacebench.dll"));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("spacebench did not start.");
    }

    /// <summary>
    /// GNU env's option that gives the child SIGINT's default disposition. A test run started in the background of a
    /// non-interactive shell (<c>.ci/run &amp;</c>, nohup) inherits SIGINT ignored, as POSIX shells do for background jobs,
    /// and a .NET process that starts with SIGINT ignored keeps ignoring it: without this, a Ctrl-C or <c>kill -INT</c>
    /// the test sends would never reach the run, and the test would fail for how it was launched, not for the product.
    /// </summary>
    public const string DefaultSignals = "--default-signal=INT";

    public static string NewFolder() => TestRepository.ScratchFolder("cli");
}
