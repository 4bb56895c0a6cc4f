using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// JESD22-A104's transfers, dwells and soaks are judged in Then steps long after the cycling; each is still recorded at the
/// bench time it was measured (a transfer when the DUT reached its extreme, a dwell or soak when its plateau ended), not
/// at the Then step's, so the report's time line and the calibration at the time of use are the measurement's.
/// </summary>
public sealed class ThermalCyclingTransferTimeTests
{
    [Test]
    public async Task Each_transfer_time_carries_the_bench_time_the_DUT_reached_its_extreme()
    {
        var (run, output) = await QualificationDataTests.RunAsync("cycling-times", """
              Scenario: Two cycles
                Given the thermal chamber ramps at 5 °C/min
                And the DUT counts as settled within 2 K of the setpoint, changing less than 3 °C/h over 20 min
                When the thermal chamber cycles the DUT 2 times between -55 °C and 125 °C, dwelling 15 min at each extreme once settled
                And the thermal chamber holds the DUT at 24 °C
                Then every transfer between the extremes took at most 60 min, a limit from "the bench chamber capability, not a clause"
            """, "fixtures/duts/rad-hard-soc.json");

        var scenario = run.Scenarios.Single();
        var transfers = scenario.Measurements.Where(m => m.Name == "transfer time").ToList();
        var judged = scenario.Steps.First(s => s.Text.StartsWith("every transfer", StringComparison.Ordinal)).StartedBench!.Value;
        var cycling = scenario.Steps.First(s => s.Text.StartsWith("the thermal chamber cycles", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(transfers, Has.Count.EqualTo(4), output);
            Assert.That(transfers.Select(m => m.BenchTime), Is.Ordered.And.Unique, "four transfers, four times");
            Assert.That(transfers.Select(m => m.BenchTime), Has.All.GreaterThan(cycling.StartedBench!.Value).And.All.LessThanOrEqualTo(cycling.FinishedBench!.Value),
                "each measured during the cycling, not when the Then step judged it");
            Assert.That(transfers.Select(m => m.BenchTime), Has.All.LessThan(judged));
            // Consecutive transfers are apart by at least the later one's own duration (it started after the earlier ended).
            for (var i = 1; i < transfers.Count; i++)
            {
                Assert.That((transfers[i].BenchTime - transfers[i - 1].BenchTime).TotalMinutes, Is.GreaterThanOrEqualTo(transfers[i].Value.In(Units.Minute)), $"transfer {i + 1}");
            }
        });
    }

    [Test]
    public async Task Each_dwell_and_soak_carries_the_bench_time_its_plateau_ended_not_the_Then_steps()
    {
        var (run, output) = await QualificationDataTests.RunAsync("cycling-dwell-times", """
              Scenario: Two cycles
                Given the thermal chamber ramps at 5 °C/min
                And the DUT counts as settled within 2 K of the setpoint, changing less than 3 °C/h over 20 min
                When the thermal chamber cycles the DUT 2 times between -55 °C and 125 °C, dwelling 15 min at each extreme once settled
                And the thermal chamber holds the DUT at 24 °C
                Then every dwell at the extremes held the DUT settled for at least 15 min, a limit from "JESD22-A104 soak mode (15 min)"
                And the soaks at the extremes of the first and last cycles held the DUT settled for at least 15 min, a limit from "JESD22-A104 soak mode (15 min)"
            """, "fixtures/duts/rad-hard-soc.json");

        var scenario = run.Scenarios.Single();
        var cycling = scenario.Steps.First(s => s.Text.StartsWith("the thermal chamber cycles", StringComparison.Ordinal));
        var judged = scenario.Steps.First(s => s.Text.StartsWith("every dwell", StringComparison.Ordinal)).StartedBench!.Value;
        var dwells = scenario.Measurements.Where(m => m.Name == "dwell with the DUT settled").ToList();
        var soaks = scenario.Measurements.Where(m => m.Name == "soak with the DUT settled").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(dwells, Has.Count.EqualTo(4), output);
            Assert.That(soaks, Has.Count.EqualTo(4), output);
            foreach (var (name, measured) in new[] { ("dwell", dwells), ("soak", soaks) })
            {
                Assert.That(measured.Select(m => m.BenchTime), Is.Ordered.And.Unique, $"four {name}s, four times");
                Assert.That(measured.Select(m => m.BenchTime), Has.All.GreaterThan(cycling.StartedBench!.Value).And.All.LessThanOrEqualTo(cycling.FinishedBench!.Value),
                    $"each {name} measured during the cycling, when its plateau ended");
                Assert.That(measured.Select(m => m.BenchTime), Has.All.LessThan(judged), $"not when the Then step judged the {name}");
                // Each plateau ends at least its dwell after the one before it ended.
                for (var i = 1; i < measured.Count; i++)
                {
                    Assert.That((measured[i].BenchTime - measured[i - 1].BenchTime).TotalMinutes, Is.GreaterThanOrEqualTo(measured[i].Value.In(Units.Minute)), $"{name} {i + 1}");
                }
            }

            Assert.That(soaks.Select(m => m.BenchTime), Is.EqualTo(dwells.Select(m => m.BenchTime)), "two cycles: the soaks of the first and last cycles are the same four plateaus");
            Assert.That(scenario.Measurements.Where(m => m.Name == "largest DUT rate after settling").Select(m => m.BenchTime).Distinct(), Is.SubsetOf(dwells.Select(m => m.BenchTime)),
                "a plateau's rate after settling is stamped with its dwell's time");
        });
    }
}
