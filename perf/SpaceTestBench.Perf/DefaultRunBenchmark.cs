using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Data.Sqlite;
using SpaceTestBench.Cli;
using Spectre.Console;

namespace SpaceTestBench.Perf;

/// <summary>
/// The main job, <c>spacebench run</c> with no arguments: every conformance suite on the simulated bench
/// with the default DUT profile, report included, against the floor of a dry run of the same suites (parse,
/// bind, convert every argument, open no instrument, render the empty report). Both run in this one process
/// (in-process toolchain), so they share the machine's load and the JIT's warm-up, and the Ratio column is
/// the default run's wall time over the dry run's (issue 13's target: at most 10). "Bench/wall" is the bench
/// time the default run covers (the run's first to last bench timestamp in its store) over its mean wall
/// time. The difference from the floor is what the bench work itself costs: the simulators, the SCPI
/// exchanges on loopback and the analyses. Run:
/// <c>dotnet run -c Release --project perf/SpaceTestBench.Perf -- --filter '*DefaultRun*'</c>.
/// </summary>
[Config(typeof(Configuration))]
public class DefaultRunBenchmark
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "spacetestbench-perf", "default-run");
    private int _run;

    /// <summary>The folder of the last default run (read by the Bench/wall column after the runs; a per-iteration
    /// cleanup would give DefaultRun a job of its own and lose the Ratio to the dry run).</summary>
    internal static string? LastDefaultRunFolder { get; private set; }

    private static int s_cleaned;

    [GlobalSetup]
    public void Clean()
    {
        // Both benchmarks run in this process: clean once, so the second does not delete the first's run folders.
        if (Interlocked.Exchange(ref s_cleaned, 1) == 1)
        {
            return;
        }

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

    /// <summary>The bench time the default run in <paramref name="folder"/> covered, from its store's run row.</summary>
    internal static TimeSpan? BenchTime(string folder)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "results.sqlite"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT started_bench, finished_bench FROM run";
        using var reader = command.ExecuteReader();
        return reader.Read() && !reader.IsDBNull(1)
            ? DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture) - DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture)
            : null;
    }

    private async Task<int> RunAsync(params string[] options)
    {
        var folder = Path.Combine(_scratch, $"{(options.Length == 0 ? "default" : "dry")}-run-{Interlocked.Increment(ref _run)}");
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var exit = await SpacebenchApp.RunAsync(["run", "--out", folder, .. options], console);
        if (exit != 0)
        {
            throw new InvalidOperationException($"spacebench run {string.Join(' ', options)} exited {exit}: the default run must pass (see {folder}).");
        }

        if (options.Length == 0)
        {
            LastDefaultRunFolder = folder;
        }

        return exit;
    }

    private sealed class Configuration : ManualConfig
    {
        public Configuration()
        {
            // Monitoring: each invocation is a whole run (seconds), measured once per iteration, no pilot stage.
            // The in-process toolchain gives up after 5 minutes by default: on a loaded shared machine one default run
            // can take minutes, and 1 warm-up and 3 iterations are past it.
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true)));
            AddColumn(new BenchTimePerWallTimeColumn());
        }
    }

    /// <summary>Bench time ÷ mean wall time of the default run: how much faster than real time the simulated bench runs.</summary>
    private sealed class BenchTimePerWallTimeColumn : BenchmarkDotNet.Columns.IColumn
    {
        public string Id => nameof(BenchTimePerWallTimeColumn);

        public string ColumnName => "Bench/wall";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Bench time covered by the default run ÷ its mean wall time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Descriptor.WorkloadMethod.Name != nameof(DefaultRun) || LastDefaultRunFolder is not { } folder || BenchTime(folder) is not { } bench
                || summary[benchmarkCase]?.ResultStatistics?.Mean is not { } nanoseconds)
            {
                return "-";
            }

            var wallSeconds = nanoseconds / 1e9;
            return string.Create(CultureInfo.InvariantCulture, $"{bench.TotalSeconds / wallSeconds:N0} ({bench.TotalHours:N0} h in {wallSeconds:N1} s)");
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
