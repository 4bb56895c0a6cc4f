using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// MIL-STD-883 TM 1010 judged by the two-zone chamber's physics: the same chamber, zones and limits, and a lot whose
/// worst-case load is twice as slow (a heavier load) misses the 15 min to temperature — Fail on the measured time,
/// its source beside it — while its transfers, which the elevator sets, still pass.
/// </summary>
public sealed class ThermalShockClauseTests
{
    private static string Scenario(string name, string timeConstant) => $"""
          Scenario: {name}
            Given the thermal shock chamber holds its hot zone at 130 °C and its cold zone at -60 °C
            And a fresh lot is loaded in the basket of the thermal shock chamber, its worst-case load following the zone air with a time constant of {timeConstant}
            When the thermal shock chamber cycles the load 2 times between -55 °C and 125 °C, dwelling 10 min at each extreme once the load is there
            Then every transfer of the basket took at most 1 min, a limit from "MIL-STD-883 TM 1010 (transfer time)"
            And the load reached each extreme within 15 min of its transfer, a limit from "MIL-STD-883 TM 1010 (load at temperature)"
            And the load dwelt at least 10 min at each extreme, a limit from "MIL-STD-883 TM 1010 (dwell)"
            And the load stayed within 10 K above the hot extreme and 10 K below the cold extreme while dwelling, a limit from "MIL-STD-883 TM 1010 (tolerances)"
        """;

    [Test]
    public async Task A_heavy_load_misses_the_time_to_temperature_on_its_measured_lag_while_a_nominal_one_passes()
    {
        var (run, output) = await QualificationDataTests.RunAsync("tm1010-load",
            Scenario("Nominal load", "3 min") + "\n" + Scenario("Heavy load", "6 min"), "fixtures/duts/rad-hard-soc.json");

        var nominal = run.Scenarios.Single(s => s.Info.Name == "Nominal load");
        var heavy = run.Scenarios.Single(s => s.Info.Name == "Heavy load");
        var reachedHeavy = heavy.Measurements.Where(m => m.Name == "time for the load to reach the extreme").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(nominal.Measurements.Select(m => m.Verdict), Has.All.EqualTo(Verdict.Pass), output);
            Assert.That(nominal.Measurements.Where(m => m.Name == "time for the load to reach the extreme").Select(m => m.Value.In(Units.Minute)), Has.All.InRange(8.0, 13.0));
            Assert.That(reachedHeavy, Has.Count.EqualTo(4));
            // From −60 °C air to 125 °C through a 130 °C zone: τ·ln(190/5) ≈ 3.6 τ, 22 min for τ = 6 min (the first, from room temperature, 2.8 τ).
            Assert.That(reachedHeavy.Select(m => m.Verdict), Has.All.EqualTo(Verdict.Fail));
            Assert.That(reachedHeavy.Skip(1).Select(m => m.Value.In(Units.Minute)), Has.All.InRange(19.0, 24.0));
            Assert.That(reachedHeavy.Select(m => m.Decision), Has.All.EqualTo("limit from MIL-STD-883 TM 1010 (load at temperature)"));
            Assert.That(heavy.Measurements.Where(m => m.Name == "basket transfer time").Select(m => m.Verdict), Has.All.EqualTo(Verdict.Pass), "the elevator, not the load, sets the transfer");
        });
    }

    [Test]
    public async Task Each_transfer_reach_and_dwell_carries_the_bench_time_it_was_measured_at_not_the_Then_steps()
    {
        var (run, output) = await QualificationDataTests.RunAsync("tm1010-times", Scenario("Nominal load", "3 min"), "fixtures/duts/rad-hard-soc.json");

        var measured = run.Scenarios.Single().Measurements;
        var transfers = measured.Where(m => m.Name == "basket transfer time").ToList();
        var reached = measured.Where(m => m.Name == "time for the load to reach the extreme").ToList();
        var dwells = measured.Where(m => m.Name == "dwell with the load at the extreme").ToList();
        var judged = run.Scenarios.Single().Steps.First(s => s.Text.StartsWith("every transfer", StringComparison.Ordinal)).StartedBench!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(transfers, Has.Count.EqualTo(4), output);
            Assert.That(transfers.Select(m => m.BenchTime), Is.Ordered.And.Unique, "four transfers, four times");
            for (var i = 0; i < transfers.Count; i++)
            {
                // The transfer was measured on arrival, the reach when the load was at the extreme: apart by reach − transfer.
                var apart = (reached[i].BenchTime - transfers[i].BenchTime).TotalSeconds;
                Assert.That(apart, Is.EqualTo(reached[i].Value.In(Units.Second) - transfers[i].Value.In(Units.Second)).Within(1e-3), $"transfer {i + 1}");
                // The dwell ended when the basket left for the next transfer (its command came right after).
                Assert.That(dwells[i].BenchTime, Is.GreaterThanOrEqualTo(reached[i].BenchTime + TimeSpan.FromMinutes(10)));
            }

            Assert.That(measured.Select(m => m.BenchTime), Has.All.LessThanOrEqualTo(judged), "all measured during the When step's cycling");
        });
    }

    [Test]
    public async Task The_lot_is_planned_and_each_of_its_samples_is_taken_fresh_and_identified_by_its_serial()
    {
        var plan = await Commands.PlanCommand.MakeAsync(TestRepository.Path("benches/simulated.bench.json"), null, [TestRepository.Path("features/thermal/thermal-shock-tm1010.feature")],
            TestRepository.Path("features"), null, SpaceTestBench.Gherkin.Execution.RunOrder.Defined, TimeProvider.System, CancellationToken.None);
        var (run, output) = await QualificationDataTests.RunAsync("tm1010-lot",
            Scenario("Lot of three", "3 min").Replace("Given the thermal shock chamber holds", "Given a lot of 3 fresh samples of the DUT is taken, each identified by its serial\n    And the thermal shock chamber holds", StringComparison.Ordinal),
            "fixtures/duts/rad-hard-soc.json");

        var announced = run.Events.Where(e => e.Values.ContainsKey(WellKnownConditions.Sample)).Select(e => e.Message).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(plan.Scenarios.Select(s => s.Samples), Is.EqualTo(new[] { 5, 5 }), "the Examples' lot of 5, per condition");
            Assert.That(announced, Has.Count.EqualTo(3), output);
            Assert.That(announced.Select(m => m.Split(" serial ")[1].Split(' ')[0]), Is.Unique.And.All.StartWith("RH1-0042."));
            Assert.That(announced[2], Does.Contain("lot sample 3 of 3, taken by the simulated facility"));
            Assert.That(run.Scenarios.Single().Measurements.Select(m => m.Verdict), Has.All.EqualTo(Verdict.Pass));
        });
    }
}
