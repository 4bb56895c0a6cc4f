using BenchmarkDotNet.Running;
using SpaceTestBench.Perf;
using SpaceTestBench.Perf.Visa;

// Every benchmark compares against a floor measured in the same run (e.g. a raw loopback echo), so the
// ratios hold on any machine. Run all: dotnet run -c Release --project perf/SpaceTestBench.Perf -- --filter '*'
if (args is ["gherkin-cold-run", ..])
{
    // The Gherkin workload once in this fresh process, so an outside timer sees process start-up too;
    // "gherkin-cold-run <file>" also writes the feature, for running the same file under cucumber-js.
    var text = NoOpWorkload.FeatureText(GherkinRunBenchmarks.Scenarios);
    if (args.Length > 1)
    {
        await File.WriteAllTextAsync(args[1], text);
    }

    Console.WriteLine($"{await NoOpWorkload.RunAsync(text)} scenarios passed");
    return 0;
}

if (args is ["gherkin-cold-run-reqnroll", ..])
{
    // The same workload once in this fresh process on Reqnroll's runtime (ReqnrollTestRun and the driver).
    var text = NoOpWorkload.FeatureText(GherkinRunBenchmarks.Scenarios);
    Console.WriteLine($"{await NoOpWorkload.RunOnReqnrollAsync(text)} scenarios passed on Reqnroll");
    return 0;
}

// Peak memory of one report rendering, in a process that does nothing else:
//   dotnet run -c Release --project perf/SpaceTestBench.Perf -- peak-memory
if (args is ["peak-memory"])
{
    return PeakMemory.Measure();
}

if (args is [PeakMemory.ChildVerb, var folder])
{
    return PeakMemory.RenderOnce(folder);
}

if (args is ["--visa-ratios", ..])
{
    // The VISA query ratios measured interleaved (robust against load from other work on a shared machine).
    await InterleavedRatios.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000, Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
return 0;
