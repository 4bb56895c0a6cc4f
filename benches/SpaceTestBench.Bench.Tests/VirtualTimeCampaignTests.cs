using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Bench.Procedures;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests;

/// <summary>
/// Week- and month-long campaigns on the simulated bench through the real drivers and the bench clock: a
/// 100 krad(Si) step ladder at 36 rad(Si)/h (about 2,800 h) with the 24 h and 168 h anneals, and 23 thermal
/// cycles. They assert bench-time numbers, not speed; the test run's wall time shows they take seconds.
/// </summary>
public sealed class VirtualTimeCampaignTests
{
    private const double HalfLifeHours = 5.2714 * 365.25 * 24;
    private const double RadPerGray = 100;
    private static readonly double[] LadderKrad = [5, 10, 20, 30, 50, 75, 100];

    [Test]
    public async Task A_100_krad_ladder_at_36_rad_per_hour_with_its_anneals_runs_on_bench_time()
    {
        await using var bench = await OpenAsync("fixtures/duts/rad-hard-soc.json");
        var (cell, supply, agent) = await PowerBiasedAsync(bench);
        var start = bench.Clock.GetUtcNow();
        await cell.SetDoseRateAsync(36 / RadPerGray / 3600);
        var initialRate = await cell.MeasureDoseRateAsync();
        var leakageBefore = await supply.MeasureCurrentAsync(1);
        var thresholdBefore = await agent.MeasureThresholdVoltageAsync();

        var steps = new List<(double Krad, double Hours, double ThresholdShift)>();
        foreach (var krad in LadderKrad)
        {
            await IrradiateToAsync(bench, cell, krad * 1000 / RadPerGray);
            var shift = await agent.MeasureThresholdVoltageAsync() - thresholdBefore;
            steps.Add((krad, (bench.Clock.GetUtcNow() - start).TotalHours, shift));
            Assert.That((await agent.RunFunctionalTestAsync()).Passed, Is.True, $"functional at {krad} krad(Si)");
        }

        var ladderHours = (bench.Clock.GetUtcNow() - start).TotalHours;
        var finalDose = await cell.MeasureDoseAsync();
        var leakageAfter = await supply.MeasureCurrentAsync(1);

        // Exposure time to a dose D from an initial rate R₀ decaying with T½: t = −T½/ln2·ln(1 − D·ln2/(R₀·T½)).
        // Both D and R₀ come from the dosimeter, so its calibration factor cancels.
        var dosePerHour = initialRate * RadPerGray * 3600;
        var expectedHours = -HalfLifeHours / Math.Log(2) * Math.Log(1 - (finalDose.Gray * RadPerGray * Math.Log(2) / (dosePerHour * HalfLifeHours)));
        Assert.That(finalDose.Gray * RadPerGray, Is.EqualTo(100_000).Within(100_000 * 0.006), "the dosimeter reached the top of the ladder");
        Assert.That(ladderHours, Is.EqualTo(expectedHours).Within(expectedHours * 0.01));
        Assert.That(ladderHours, Is.EqualTo(2_836).Within(5), "100 krad(Si) at 36 rad(Si)/h, decaying: about 2,800 h of bench time");
        Assert.That(steps.Select(s => s.Hours), Is.Ordered.Ascending);

        await bench.WaitAsync(TimeSpan.FromHours(24)); // room-temperature anneal, biased
        var chamber = bench.Role<IThermalChamber>("thermal chamber").Instrument;
        await chamber.SetRampRateAsync(2.0 / 60);
        await chamber.SetSetpointAsync(373.15);
        var reached = await bench.WaitUntilAsync(async ct => Math.Abs(await chamber.MeasureDutTemperatureAsync(ct) - 373.15) < 5, TimeSpan.FromMinutes(5), TimeSpan.FromHours(4));
        var annealStart = bench.Clock.GetUtcNow();
        await bench.WaitAsync(TimeSpan.FromHours(168));
        var thresholdAnnealed = await agent.MeasureThresholdVoltageAsync() - thresholdBefore;
        var totalHours = (bench.Clock.GetUtcNow() - start).TotalHours;

        Assert.That(reached, Is.True);
        Assert.That(bench.Clock.GetUtcNow() - annealStart, Is.EqualTo(TimeSpan.FromHours(168)));
        Assert.That(totalHours, Is.EqualTo(ladderHours + 24 + 168).Within(4), "plus the ramp to 100 °C");
        Assert.That(leakageAfter - leakageBefore, Is.LessThan(0.010), "the rad-hard part stays within its 10 mA leakage limit");
        Assert.That(Math.Abs(steps[^1].ThresholdShift), Is.LessThan(0.050));
        Assert.That(thresholdAnnealed, Is.GreaterThan(steps[^1].ThresholdShift), "the hot anneal removes oxide charge: the threshold rebounds");
    }

    [Test]
    public async Task The_commercial_accelerator_fails_the_ladder_for_stated_physical_reasons()
    {
        await using var bench = await OpenAsync("fixtures/duts/cots-ai-accelerator.json");
        var (cell, _, agent) = await PowerBiasedAsync(bench, core: 0.8, io: 1.8);
        await cell.SetDoseRateAsync(180_000 / RadPerGray / 3600); // standard rate, 50 rad(Si)/s
        await agent.StartWorkloadAsync(DutWorkload.Inference);
        await IrradiateToAsync(bench, cell, 5_000 / RadPerGray);
        await agent.ClearCountersAsync();
        await bench.WaitAsync(TimeSpan.FromSeconds(100));
        var at5krad = await agent.ReadCountersAsync();
        await IrradiateToAsync(bench, cell, 50_000 / RadPerGray);

        var functional = await agent.RunFunctionalTestAsync();

        Assert.That(at5krad.Mismatches / (double)at5krad.Inferences, Is.EqualTo(0.002 * 3).Within(0.003),
            "0.2 % per krad(Si) above the 2 krad(Si) HBM onset: 0.6 % of inferences disagree with the golden model at 5 krad(Si)");
        Assert.That(functional.Passed, Is.False, "hard failure at 40 krad(Si)");
        Assert.That(functional.Code, Is.EqualTo(204));
    }

    [Test]
    public async Task Twenty_three_thermal_cycles_with_dwells_at_the_extremes_run_on_bench_time()
    {
        await using var bench = await OpenAsync("fixtures/duts/rad-hard-soc.json");
        var (_, _, agent) = await PowerBiasedAsync(bench);
        var chamber = bench.Role<IThermalChamber>("thermal chamber").Instrument;
        var start = bench.Clock.GetUtcNow();
        var functional = new List<bool>();

        // SMC-S-016 qualification: −34/+71 °C, ramps of 3–5 °C/min, 1 h dwells; a functional test at each extreme.
        var extremes = await ThermalProfileRunner.RunAsync(
            bench, chamber, ThermalProfile.Cycles(273.15 - 34, 273.15 + 71, 3.0 / 60, TimeSpan.FromHours(1), 23),
            async (_, ct) => functional.Add((await agent.RunFunctionalTestAsync(ct)).Passed));
        var hours = (bench.Clock.GetUtcNow() - start).TotalHours;

        // Each cycle: two 105 K ramps at 3 K/min (35 min each), settling, two 1 h dwells.
        Assert.That(extremes, Has.Count.EqualTo(46));
        Assert.That(functional, Has.All.True);
        Assert.That(extremes.Select(e => e.AirKelvin - e.Segment.SetpointKelvin), Has.All.InRange(-0.25, 0.25), "the air holds the setpoint");
        Assert.That(extremes.Select(e => e.DutKelvin - e.AirKelvin), Has.All.InRange(2.0, 8.0), "the powered DUT sits θ·P above the air: 5 K/W × 0.6–1.2 W");
        Assert.That(hours, Is.InRange(23 * ((2 * 35.0 / 60) + 2), 23 * ((2 * 35.0 / 60) + 3)));
    }

    private static async Task<BenchSession> OpenAsync(string dut)
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        return await BenchSession.OpenAsync(definition, DutProfileLoader.Load(TestRepository.Path(dut)));
    }

    /// <summary>Powers both rails at nominal (worst-case bias is the suites' business) and waits out the boot.</summary>
    private static async Task<(IGammaSource Cell, IDcPowerSupply Supply, IDutAgent Agent)> PowerBiasedAsync(BenchSession bench, double core = 1.8, double io = 3.3)
    {
        var supply = bench.Role<IDcPowerSupply>("DUT supply").Instrument;
        var smu = bench.Role<ILatchupMonitor>("latch-up monitor").Instrument;
        await supply.SetCurrentLimitAsync(1, 4.5);
        await supply.SetVoltageAsync(1, core);
        await supply.SetOutputAsync(1, true);
        await smu.SetCurrentLimitAsync(0.5);
        await smu.SetVoltageAsync(io);
        await smu.SetOutputAsync(true);
        await bench.WaitAsync(TimeSpan.FromSeconds(5));
        var agent = bench.Role<IDutAgent>("DUT").Instrument;
        Assert.That(await agent.GetStatusAsync(), Is.EqualTo(DutStatus.Idle), "precondition: the DUT is up");
        return (bench.Role<IGammaSource>("gamma source").Instrument, supply, agent);
    }

    /// <summary>
    /// Irradiates until the dosimeter reads <paramref name="gray"/>: the cell lowers the source at its dose
    /// target; the bench sleeps the time the measured rate predicts and then checks, as an operator would.
    /// </summary>
    private static async Task IrradiateToAsync(BenchSession bench, IGammaSource cell, double gray)
    {
        var already = (await cell.MeasureDoseAsync()).Gray;
        var rate = await cell.MeasureDoseRateAsync();
        await cell.SetDoseTargetAsync(gray);
        await cell.SetSourceUpAsync(true);
        await bench.WaitAsync(TimeSpan.FromSeconds((gray - already) / rate * 0.98));
        var down = await bench.WaitUntilAsync(async ct => !await cell.IsSourceUpAsync(ct), TimeSpan.FromMinutes(10), TimeSpan.FromHours(200));
        Assert.That(down, Is.True, $"the source went down at {gray * RadPerGray / 1000} krad(Si)");
    }
}
