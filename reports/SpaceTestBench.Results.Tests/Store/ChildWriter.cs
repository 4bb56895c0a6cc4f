using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Results.Tests.Support;

namespace SpaceTestBench.Results.Tests.Store;

/// <summary>
/// What the child process of the kill tests does: records into a store as a campaign would and
/// acknowledges on stdout what has been recorded, until it is killed.
/// </summary>
internal static class ChildWriter
{
    public const string KeepWriting = "write-until-killed";
    public const string AppendTailAndWait = "write-tail-and-wait";
    public const int PointsPerTick = 100;
    public const int TailPoints = 7;
    public const int TicksBeforeTail = 5;

    public static readonly StoreOptions Options = new() { FlushInterval = TimeSpan.FromMilliseconds(200), MaxPendingPoints = 500 };

    /// <summary>
    /// Forever: 100 points of a supply-current trace, then a measurement "tick" = i, then "committed i"
    /// on stdout. The measurement commits the points before it, so every acknowledged tick implies
    /// 100·(i + 1) points.
    /// </summary>
    public static int WriteUntilKilled(string folder)
    {
        var (scenario, trace) = Open(folder);
        for (var i = 0; ; i++)
        {
            Ticks(scenario, trace, i);
        }
    }

    /// <summary>
    /// A few ticks, then seven more points with nothing after them, then "tail appended", then it waits to
    /// be killed: only the store's flush timer can commit those seven points.
    /// </summary>
    public static int WriteTailAndWait(string folder)
    {
        var (scenario, trace) = Open(folder);
        for (var i = 0; i < TicksBeforeTail; i++)
        {
            Ticks(scenario, trace, i);
        }

        for (var j = 0; j < TailPoints; j++)
        {
            trace.Append(new Quantity(-1 - j, Units.Milliampere));
        }

        Console.WriteLine("tail appended");
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    private static (ScenarioRecorder, SeriesRecorder) Open(string folder)
    {
        var store = SqliteResultStore.Create(folder, Options);
        var recorder = new ResultRecorder(TimeProvider.System, store);
        recorder.StartRun(TestRuns.Info("killed-run"));
        var scenario = recorder.StartScenario("radiation/sel.feature", "Latch-up", null, "Heavy-ion latch-up", 7, ["@ESCC-25100"]);
        scenario.StepStarted(0, "the beam is opened");
        return (scenario, scenario.StartTimeSeries(WellKnownSeries.DutSupplyCurrent, Units.Milliampere));
    }

    private static void Ticks(ScenarioRecorder scenario, SeriesRecorder trace, int i)
    {
        for (var j = 0; j < PointsPerTick; j++)
        {
            trace.Append(new Quantity((i * PointsPerTick) + j, Units.Milliampere));
        }

        scenario.Measure("tick", new Quantity(i, Units.One));
        Console.WriteLine($"committed {i}");
    }
}
