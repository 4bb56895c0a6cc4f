using SpaceTestBench.Cli.Commands;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Planning;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// The plan's promise: on the simulated bench, every scenario of every shipped suite takes within 10 % of the
/// bench time <c>spacebench plan</c> states for it, measured from the run's own results store.
/// </summary>
[NonParallelizable]
public sealed class PlanAccuracyTests
{
    [Test]
    public async Task Every_shipped_scenario_takes_within_10_percent_of_its_planned_bench_time_on_the_simulated_bench()
    {
        var runFolder = Path.Combine(TestRepository.ScratchFolder("plan-accuracy"), "run");
        var (exit, output) = await RunCommandTests.Spacebench("run", "--quiet", "--out", runFolder);
        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        var plan = await PlanCommand.MakeAsync(
            TestRepository.Path("benches/simulated.bench.json"), null, [TestRepository.Path("features")], TestRepository.Path("features"), null, RunOrder.Defined, TimeProvider.System, CancellationToken.None);
        var ran = ResultStoreReader.Read(runFolder).Scenarios;

        Assert.That(plan.Scenarios, Has.Count.EqualTo(ran.Count), "the plan holds every scenario the run ran");
        Assert.That(plan.Scenarios.SelectMany(s => s.Unknown), Is.Empty, "no step of a shipped suite is unknown on the simulated bench");
        var misses = new List<string>();
        foreach (var (planned, actual) in plan.Scenarios.Zip(ran))
        {
            Assert.That(actual.Info.Name, Is.EqualTo(planned.Name), "the plan is in run order");
            var took = actual.FinishedBench!.Value - actual.StartedBench;
            var estimate = planned.BenchTime!.Value;
            if (Math.Abs((estimate - took).TotalSeconds) > 0.10 * took.TotalSeconds)
            {
                misses.Add($"{planned.Location} {planned.Name}: planned {estimate}, took {took}");
            }
        }

        Assert.That(misses, Is.Empty, string.Join("\n", misses));
    }
}
