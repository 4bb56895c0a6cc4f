using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// JESD22-A104's transfers are judged in a Then step long after the cycling; each transfer time is still recorded at the
/// bench time the DUT reached its extreme, not at the Then step's, so the report's time line shows when each transfer
/// ended.
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
}
