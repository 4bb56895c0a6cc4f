using System.Diagnostics;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Support;

/// <summary>Runs the <c>spacebench</c> command in-process with a captured console, or as a child process.</summary>
internal static class Spacebench
{
    /// <summary>The checkout's root.</summary>
    public static string Root => TestRepository.Root;

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunCommandTests.Spacebench(args);

    /// <summary>Starts <c>spacebench</c> as a child process in the checkout's root, output redirected.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "spacebench.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("spacebench did not start.");
    }

    public static string NewFolder() => TestRepository.ScratchFolder("cli");
}
