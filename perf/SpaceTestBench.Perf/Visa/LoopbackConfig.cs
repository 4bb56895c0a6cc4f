using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SpaceTestBench.Perf.Visa;

/// <summary>
/// In-process (client and server share the process, as the floor's do), allocations reported, the floor
/// as baseline so every row reads as a ratio to it.
/// </summary>
public class LoopbackConfig : ManualConfig
{
    public LoopbackConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(25).WithId("loopback"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
    }
}

/// <summary>For 100 MB transfers: fewer iterations, and the throughput each achieved.</summary>
public class BlockConfig : ManualConfig
{
    public BlockConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15).WithInvocationCount(4).WithUnrollFactor(1).WithId("block"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new ThroughputColumn(BlockTransferBenchmarks.BlockBytes));
    }
}
