using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// The SMC-S-016 checks of the thermal-vacuum suite judge what the cycling did: the soaks of the first and last
/// cycles on their own (a longer soak than the one run fails them), a hot or cold start at each tested extreme with
/// the time the unit was off before it, the last cycles' performance tests counted, each limit with its source.
/// </summary>
public sealed class ThermalVacuumClauseTests
{
    private const string Cycles = """
          Scenario: Three short cycles in vacuum
            Given a fresh sample of the DUT is mounted
            And the DUT is powered off
            And the thermal chamber is pumped down to at most 1e-4 Torr within 4 h
            And the thermal chamber ramps at 10 °C/min
            And the DUT counts as settled within 3 K of the setpoint, changing less than 3 °C/h over 30 min
            And the DUT is started hot and cold for a performance test at the extremes of the first cycle and the last 2 cycles, after at least 5 min off, its rails within 1 % of their settings
            When the thermal chamber cycles the DUT 3 times between -20 °C and 40 °C in vacuum, soaking 40 min at the extremes of the first and last cycles and 10 min at the others
            Then the performance tests of the last 2 cycles were failure-free, a limit from "the plan under test"
            And the soaks at the extremes of the first and last cycles held the DUT settled for at least 40 min, a limit from "the plan under test"
            And the soaks at the extremes of the first and last cycles held the DUT settled for at least 2 h, a limit from "a longer plan"
        """;

    [Test]
    public async Task Soaks_hot_and_cold_starts_and_the_last_cycles_are_judged_from_what_the_cycling_did()
    {
        var (run, output) = await QualificationDataTests.RunAsync("tvac-clauses", Cycles, "fixtures/duts/rad-hard-soc.json");

        var soaks = run.Measurements.Where(m => m.Name == "soak with the DUT settled").ToList();
        var starts = run.Measurements.Where(m => m.Name.StartsWith("time off before the ", StringComparison.Ordinal)).ToList();
        var failed = run.Measurements.Single(m => m.Name == "failed performance tests in the last cycles");
        Assert.Multiple(() =>
        {
            Assert.That(soaks, Has.Count.EqualTo(8), output);
            Assert.That(soaks.Take(4).Select(s => s.Verdict), Has.All.EqualTo(Verdict.Pass), "four soaks, each stable at least the 40 min the plan asks");
            Assert.That(soaks.Skip(4).Select(s => s.Verdict), Has.All.EqualTo(Verdict.Fail), "a 40 min soak, stable for about 1.5 h of its plateau, is not the 2 h a longer plan asks");
            Assert.That(soaks.Skip(4).Select(s => s.Decision), Has.All.StartWith("limit from a longer plan"), "the report shows the limit's source");
            Assert.That(starts.Select(s => s.Name), Is.EquivalentTo(new[]
            {
                "time off before the hot start", "time off before the cold start", "time off before the hot start",
                "time off before the cold start", "time off before the hot start", "time off before the cold start",
            }), "the first cycle and the last two are tested, hot and cold");
            Assert.That(starts.Select(s => s.Value.In(Units.Minute)), Has.All.GreaterThanOrEqualTo(10), "the unit cycled switched off: at least a dwell between starts");
            Assert.That(failed.Value.Value, Is.Zero);
            Assert.That(failed.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(failed.Decision, Does.StartWith("limit from the plan under test"));
        });
    }
    private const string OperatingCycles = """
          Scenario: Three short cycles in vacuum, the unit operating
            Given a fresh sample of the DUT is mounted
            And the DUT is powered off
            And the thermal chamber is pumped down to at most 1e-4 Torr within 4 h
            And the thermal chamber ramps at 10 °C/min
            And the DUT counts as settled within 2 K of the setpoint, changing less than 3 °C/h over 30 min
            And the DUT operates through the last 3 cycles at its nominal supply voltages, apart from the off periods before its hot and cold starts, monitored every 10 min with its rails within 1 % of their settings
            And the DUT is started hot and cold for a performance test at the extremes of the first cycle and the last 2 cycles, after at least 5 min off, its rails within 1 % of their settings
            When the thermal chamber cycles the DUT 3 times between -20 °C and 60 °C in vacuum, soaking 40 min at the extremes of the first and last cycles and 10 min at the others
            Then the performance tests of the last 2 cycles were failure-free, a limit from "the plan under test"
            And the monitoring of the last 2 cycles was failure-free, a limit from "the plan under test"
        """;

    [Test]
    public async Task An_operating_unit_is_monitored_through_the_cycles_started_only_at_the_first_and_last_and_brought_to_the_extremes_above_the_shroud()
    {
        var (run, output) = await QualificationDataTests.RunAsync("tvac-operating", OperatingCycles, "fixtures/duts/rad-hard-soc.json");

        var starts = run.Measurements.Where(m => m.Name.StartsWith("time off before the ", StringComparison.Ordinal)).ToList();
        var monitored = run.Measurements.Single(m => m.Name == "last cycles monitored while operating");
        var failedChecks = run.Measurements.Single(m => m.Name == "failed monitoring checks in the last cycles");
        var operatingTests = run.Events.Where(e => e.Message.StartsWith("Performance test at ", StringComparison.Ordinal)).ToList();
        var shroudMoves = run.Events.Where(e => e.Message.Contains("shroud setpoint moved", StringComparison.Ordinal)).ToList();
        var railSeries = run.Series.Where(s => s.Info.Name.EndsWith(" rail voltage while operating", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(starts, Has.Count.EqualTo(4), "hot and cold starts at the first and the last cycle only: " + output);
            Assert.That(operatingTests, Has.Count.EqualTo(2), "the middle cycle, among the last two tested, is tested as it operates");
            Assert.That(monitored.Value.Value, Is.EqualTo(2));
            Assert.That(monitored.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(failedChecks.Value.Value, Is.Zero);
            Assert.That(failedChecks.Decision, Does.StartWith("limit from the plan under test"));
            Assert.That(railSeries.Select(s => s.Count), Has.All.GreaterThan(3), "the rails read through the operating stretches");
            // The rad-hard SoC dissipates some 0.7 W through 5 K/W: the powered unit is steady ~3.5 K above the shroud, outside 2 K.
            Assert.That(shroudMoves, Is.Not.Empty, "the shroud moved so that the dissipating unit, not the shroud, is at the extreme");
        });
    }
}
