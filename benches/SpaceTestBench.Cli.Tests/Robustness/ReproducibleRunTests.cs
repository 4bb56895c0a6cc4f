using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// The determinism guarantee (docs/simulators.md, "Randomness and determinism"): with the same code, bench file, DUT
/// profile, features and seed, two uninterrupted runs record every measurement with the same value, conditions and
/// verdict at the same bench time from the start of the run, whatever the threads' scheduling. TID by ESCC 22900 is the
/// cheapest suite that showed otherwise: its interlocks (the dose overrun on the gamma cell, the chamber's deviation
/// and over-temperature) read the instruments its steps read, and while the interlock monitor evaluated alongside the
/// step runner the two interleaved their reads in whatever order the threads ran, moving each instrument's noise
/// stream (every one of its 984 measurements differed from run to run). The two runs go at once, so they are
/// scheduled differently.
/// </summary>
[NonParallelizable]
public class ReproducibleRunTests
{
    [Test]
    public async Task Two_runs_with_the_same_seed_record_the_same_values_at_the_same_bench_times()
    {
        var features = new[] { "--features", TestRepository.Path("features/radiation/total-ionizing-dose-escc-22900.feature") };
        var folders = new[] { Path.Combine(Spacebench.NewFolder(), "run"), Path.Combine(Spacebench.NewFolder(), "run") };

        var runs = await Task.WhenAll(folders.Select(folder => Spacebench.RunAsync(["run", "--out", folder, "--quiet", .. features])));

        Assert.That(runs.Select(r => r.ExitCode), Is.All.EqualTo(0), runs[0].Output + runs[1].Output);
        var first = ResumeAnywhereTests.MeasuredValues(folders[0], _ => int.MaxValue);
        var second = ResumeAnywhereTests.MeasuredValues(folders[1], _ => int.MaxValue);
        Assert.That(first.Values.Sum(m => m.Count), Is.GreaterThan(900), "the ESCC 22900 suite's two scenarios record their measurements");
        Assert.That(second.Keys, Is.EquivalentTo(first.Keys));
        Assert.Multiple(() =>
        {
            foreach (var (scenario, measurements) in first)
            {
                Assert.That(second[scenario], Is.EqualTo(measurements), scenario);
            }
        });
    }
}
