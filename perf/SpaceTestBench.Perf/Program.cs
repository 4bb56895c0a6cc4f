using BenchmarkDotNet.Running;

// Every benchmark compares against a floor measured in the same run (e.g. a raw loopback echo), so the
// ratios hold on any machine. Run all: dotnet run -c Release --project perf/SpaceTestBench.Perf -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
