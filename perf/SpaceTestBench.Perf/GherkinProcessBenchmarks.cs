using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Perf;

/// <summary>
/// The no-op workload (<see cref="NoOpWorkload"/>: 2,000 scenarios × 5 steps) as whole processes, start-up included,
/// against cucumber-js 11.3.0 running the same feature file with the same five no-op steps, in the same run:
/// <list type="bullet">
/// <item><c>CucumberJs</c> (the baseline): <c>node cucumber.js bench.feature --require steps.js --format summary</c>.</item>
/// <item><c>Runner</c>: <c>SpaceTestBench.Workload.Perf runner</c>, the product's runner as <c>spacebench run</c>
///   assembles it (<c>TestRunner</c> on Reqnroll's runtime, <c>ReqnrollRuntime</c>, bindings discovered in an assembly),
///   published as <c>spacebench</c> ships (<c>dotnet publish</c>: ReadyToRun, build/CommandLineHost.props) into
///   <c>artifacts/perf/workload-host</c> by the set-up.</item>
/// <item><c>ReqnrollDriver</c>: <c>reqnroll</c>, Reqnroll's runtime and the driver alone (<c>ReqnrollTestRun</c>).</item>
/// </list>
/// Whole processes on both sides, because that is what a user waits for: cucumber-js cannot be measured steady-state
/// from .NET, and leaving out Node's start-up while keeping .NET's (or the reverse) would favour one side. Each
/// process must report all 2,000 scenarios passed, or the benchmark throws. Besides BenchmarkDotNet's wall time
/// (Mean, Ratio), "CPU" is the median user + system CPU time of a run's process (and its children), read from
/// <c>getrusage(RUSAGE_CHILDREN)</c> around each run, and "CPU ratio" that median over cucumber-js's: on the shared
/// build machine wall time mostly measures the other work queued on the cores, CPU time what the process itself did.
/// Linux only (the rusage call). Run:
/// <c>dotnet run -c Release --project perf/SpaceTestBench.Perf -- --filter '*GherkinProcessBenchmarks*'</c>
/// (the first run installs cucumber-js from npm into <c>artifacts/perf/cucumber-js</c>).
/// </summary>
[Config(typeof(Configuration))]
public class GherkinProcessBenchmarks
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<TimeSpan>> CpuTimes = new(StringComparer.Ordinal);
    private string _cucumberFolder = "";
    private string _workloadHost = "";

    [GlobalSetup]
    public void SetUp()
    {
        _cucumberFolder = TestRepository.Path("artifacts/perf/cucumber-js");
        Directory.CreateDirectory(_cucumberFolder);
        foreach (var file in new[] { "package.json", "steps.js" })
        {
            File.Copy(TestRepository.Path($"perf/SpaceTestBench.Perf/CucumberJs/{file}"), Path.Combine(_cucumberFolder, file), overwrite: true);
        }

        if (!File.Exists(CucumberJsEntry))
        {
            Run("npm", ["install", "--no-audit", "--no-fund"], _cucumberFolder, expect: null, record: null);
        }

        File.WriteAllText(Path.Combine(_cucumberFolder, "bench.feature"), NoOpWorkload.FeatureText(NoOpWorkload.Scenarios));

        // The workload host as spacebench ships: published (ReadyToRun, build/CommandLineHost.props), not the build
        // output beside this program, which is JIT-compiled only.
        var published = TestRepository.Path("artifacts/perf/workload-host");
        Run("dotnet", ["publish", TestRepository.Path("perf/SpaceTestBench.Workload.Perf/SpaceTestBench.Workload.Perf.csproj"), "-c", "Release", "-o", published],
            TestRepository.Root, expect: null, record: null);
        _workloadHost = Path.Combine(published, OperatingSystem.IsWindows() ? "SpaceTestBench.Workload.Perf.exe" : "SpaceTestBench.Workload.Perf");
    }

    private string CucumberJsEntry => Path.Combine(_cucumberFolder, "node_modules", "@cucumber", "cucumber", "bin", "cucumber.js");

    [Benchmark(Baseline = true)]
    public void CucumberJs() =>
        Run("node", [CucumberJsEntry, "bench.feature", "--require", "steps.js", "--format", "summary"], _cucumberFolder,
            expect: $"{NoOpWorkload.Scenarios} scenarios ({NoOpWorkload.Scenarios} passed)", record: nameof(CucumberJs));

    [Benchmark]
    public void Runner() =>
        Run(_workloadHost, ["runner"], Path.GetDirectoryName(_workloadHost)!,
            expect: $"{NoOpWorkload.Scenarios} scenarios passed", record: nameof(Runner));

    [Benchmark]
    public void ReqnrollDriver() =>
        Run(_workloadHost, ["reqnroll"], Path.GetDirectoryName(_workloadHost)!,
            expect: $"{NoOpWorkload.Scenarios} scenarios passed", record: nameof(ReqnrollDriver));

    /// <summary>Runs one process to its end; throws unless it exits 0 with <paramref name="expect"/> in its output.</summary>
    private static void Run(string program, IReadOnlyList<string> arguments, string folder, string? expect, string? record)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // cucumber-js would otherwise print an advertisement for its report service after the summary.
        start.Environment["CUCUMBER_PUBLISH_QUIET"] = "true";
        var before = ChildrenCpuTime();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var cpu = ChildrenCpuTime() - before;
        if (process.ExitCode != 0 || (expect is not null && !output.Contains(expect, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} (in {folder}) exited {process.ExitCode} without \"{expect}\":\n{output}\n{error.GetAwaiter().GetResult()}");
        }

        if (record is not null)
        {
            CpuTimes.GetOrAdd(record, _ => new ConcurrentQueue<TimeSpan>()).Enqueue(cpu);
        }
    }

    /// <summary>User + system CPU time of this process's ended and waited-for children (and theirs), so far.</summary>
    private static TimeSpan ChildrenCpuTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The process benchmarks read child CPU time with Linux's getrusage.");
        }

        // struct rusage on 64-bit Linux: ru_utime and ru_stime (timeval: seconds, microseconds), then 14 longs.
        var usage = new long[18];
        if (GetResourceUsage(ResourceUsageChildren, usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return TimeSpan.FromSeconds(usage[0] + usage[2]) + TimeSpan.FromMicroseconds(usage[1] + usage[3]);
    }

    private const int ResourceUsageChildren = -1;

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, [Out] long[] usage);

    private static TimeSpan? MedianCpu(string benchmark)
    {
        if (!CpuTimes.TryGetValue(benchmark, out var samples) || samples.IsEmpty)
        {
            return null;
        }

        var sorted = samples.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed class Configuration : ManualConfig
    {
        public Configuration()
        {
            // Each invocation is one whole process (seconds): measured once per iteration, no pilot stage; in this
            // process, so the CPU columns can read what the runs recorded.
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(9)
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true)));
            AddColumn(new CpuColumn(ratio: false), new CpuColumn(ratio: true));
        }
    }

    /// <summary>The median CPU time of a benchmark's processes, or that median over the baseline's (cucumber-js).</summary>
    private sealed class CpuColumn(bool ratio) : IColumn
    {
        public string Id => $"{nameof(CpuColumn)}.{ratio}";

        public string ColumnName => ratio ? "CPU ratio" : "CPU";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => ratio ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => ratio
            ? "Median CPU time of the process over cucumber-js's median in the same run (0.50 = twice as fast)"
            : "Median user + system CPU time of one process (warm-up included: each run is a fresh process)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (MedianCpu(benchmarkCase.Descriptor.WorkloadMethod.Name) is not { } cpu)
            {
                return "-";
            }

            if (!ratio)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalSeconds:0.000} s");
            }

            return MedianCpu(nameof(CucumberJs)) is { } baseline && baseline > TimeSpan.Zero
                ? string.Create(CultureInfo.InvariantCulture, $"{cpu / baseline:0.00}")
                : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
