using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SpaceTestBench.Cli;
using Spectre.Console;

namespace SpaceTestBench.Perf;

/// <summary>
/// The main job, <c>spacebench run</c> with no arguments: every conformance suite on the simulated bench
/// with the default DUT profile, report included (target: well under a minute of wall time), against the
/// floor of a dry run of the same suites in the same process (parse, bind, convert every argument, open
/// no instrument, render the empty report). The difference is what the bench work itself costs: the
/// simulators, the SCPI exchanges on loopback and the analyses. Run:
/// <c>dotnet run -c Release --project perf/SpaceTestBench.Perf -- --filter '*DefaultRun*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class DefaultRunBenchmark
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "spacetestbench-perf", "default-run");
    private int _run;

    [GlobalSetup]
    public void Clean()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }

        Directory.CreateDirectory(_scratch);
    }

    /// <summary>The floor: the same suites, every step matched and its arguments converted, none executed.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> DryRun() => RunAsync("--dry-run");

    /// <summary>The main job: every suite executed on the simulated bench and the report rendered.</summary>
    [Benchmark]
    public Task<int> DefaultRun() => RunAsync();

    private async Task<int> RunAsync(params string[] options)
    {
        var folder = Path.Combine(_scratch, $"run-{Interlocked.Increment(ref _run)}");
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var exit = await SpacebenchApp.RunAsync(["run", "--out", folder, .. options], console);
        if (exit != 0)
        {
            throw new InvalidOperationException($"spacebench run {string.Join(' ', options)} exited {exit}: the default run must pass (see {folder}).");
        }

        return exit;
    }
}
