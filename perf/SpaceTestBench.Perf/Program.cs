using BenchmarkDotNet.Running;
using SpaceTestBench.Perf;
using SpaceTestBench.Perf.Visa;

// Every benchmark compares against a floor measured in the same run (e.g. a raw loopback echo), so the
// ratios hold on any machine. Run all: dotnet run -c Release --project perf/SpaceTestBench.Perf -- --filter '*'

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
