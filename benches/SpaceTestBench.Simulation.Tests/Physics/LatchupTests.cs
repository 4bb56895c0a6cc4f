using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Keithley;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Instruments.Watlow;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// Latch-up on the I/O rail, watched by the SMU: onset depends on LET, temperature and voltage; the latched
/// path draws (V − V_hold)/R; it holds until power is removed unless the current limit starves it below the
/// holding current; held too long it burns the part out.
/// </summary>
public sealed class LatchupTests
{
    private const double PerSquareCentimetre = 1e4;

    // L₀ = 10 MeV·cm²/mg at 85 °C and 3.3 V; ×e^(62/50) = 34.6 at 23 °C.
    private static readonly LatchupSpec Latchup = new(
        "io", TestDuts.Weibull(1e-4, 10, 10, 1), ReferenceKelvin: 358.15, ReferenceVolts: 3.3, ThresholdTemperatureScaleKelvin: 50,
        ThresholdVoltageExponent: 2, HoldingVolts: 1.5, HoldingAmperes: 0.03, LatchResistanceOhms: 5, BurnoutSeconds: 2);

    private Rig _rig = null!;
    private PoweredDut _dut = null!;
    private Keithley2450 _smu = null!;
    private Keithley2450Simulator _smuSimulator = null!;
    private FacilityBeamAdapter _beam = null!;

    [SetUp]
    public async Task Open()
    {
        _rig = Rig.Create(TestDuts.Plain with { SingleEvents = new SingleEventSpec(0, null, null, 1, null, Latchup) }, seed: 21);
        _dut = await PoweredDut.StartAsync(_rig, wireIo: false);
        _smuSimulator = new Keithley2450Simulator(_rig.Facility, "2450-T", seed: 8);
        _rig.Facility.AttachSupply(_smuSimulator.Channel, "io");
        (_smu, _) = await _rig.OpenAsync(_smuSimulator, s => new Keithley2450(s));
        (_beam, _) = await _rig.OpenAsync(new FacilityBeamAdapterSimulator(_rig.Facility, "HIF-T", irradiatesDut: true), s => new FacilityBeamAdapter(s));
        await _smu.SetCurrentLimitAsync(0.2);
        await _smu.SetVoltageAsync(3.3);
        await _smu.SetOutputAsync(true);
        await _dut.Supply.SetVoltageAsync(1, 1.8);
        await _dut.Supply.SetOutputAsync(1, true);
        _rig.AdvanceSeconds(3);
    }

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task A_latch_up_runs_the_rail_into_the_SMU_limit_hangs_the_DUT_and_a_power_cycle_clears_it()
    {
        // 300 mA: the latched rail sags to ~2.8 V, still above the I/O power-on reset, so the DUT is up but hung.
        await _smu.SetCurrentLimitAsync(0.3);
        var before = await _smu.MeasureCurrentAsync();
        await IrradiateAsync("XE", 1);

        var latched = await _smu.MeasureCurrentAsync();
        var tripped = await _smu.IsCurrentLimitTrippedAsync();
        var status = await _dut.StatusAsync();
        var recovered = await _dut.Agent.ResetAsync();
        await _smu.SetOutputAsync(false);
        _rig.AdvanceSeconds(0.5);
        await _smu.SetOutputAsync(true);
        _rig.AdvanceSeconds(2.1);

        Assert.That(before, Is.EqualTo(TestDuts.Io.CurrentAt(3.3, default)).Within(1e-3), "the io rail's normal current, 50 mA");
        Assert.That(latched, Is.EqualTo(0.3).Within(1e-4), "held at the 300 mA limit");
        Assert.That(tripped, Is.True);
        Assert.That(status, Is.EqualTo(DutStatus.Hung));
        Assert.That(recovered, Is.False, "a latch-up needs a power cycle, not a soft reset (the agent answers 202)");
        Assert.That(_rig.Facility.Observe().Latched, Is.False);
        Assert.That(await _dut.StatusAsync(), Is.EqualTo(DutStatus.Idle));
        Assert.That(await _smu.IsCurrentLimitTrippedAsync(), Is.False);
    }

    [Test]
    public async Task The_latched_path_draws_V_minus_V_hold_over_R_when_the_limit_allows()
    {
        await _smu.SetCurrentLimitAsync(1.0);
        await IrradiateAsync("XE", 1);

        var current = await _smu.MeasureCurrentAsync();

        Assert.That(current, Is.EqualTo(TestDuts.Io.CurrentAt(3.3, default) + ((3.3 - 1.5) / 5)).Within(1e-3), "50 mA + 360 mA");
    }

    [Test]
    public async Task A_limit_that_starves_the_latch_below_its_holding_current_quenches_it()
    {
        // 25 mA: below the 30 mA holding current (below the I/O power-on reset the DUT itself draws almost nothing).
        await _smu.SetCurrentLimitAsync(0.025);
        await IrradiateAsync("XE", 1);

        var truth = _rig.Facility.Observe();

        Assert.That(truth.LatchupCount, Is.GreaterThan(0));
        Assert.That(truth.Latched, Is.False);
    }

    [Test]
    public async Task The_onset_LET_falls_with_temperature()
    {
        // Ar (LET 9.9) is below the 34.6 MeV·cm²/mg threshold at 23 °C; at 125 °C the threshold is 10·e^(−40/50) = 4.5.
        await IrradiateAsync("AR", 1);
        var cold = _rig.Facility.Observe().LatchupCount;
        var chamberSimulator = new WatlowF4TSimulator(_rig.Facility, "F4T-T", seed: 6, hostsDut: true);
        var (chamber, _) = await _rig.OpenAsync(chamberSimulator, s => new WatlowF4T(s));
        await chamber.SetSetpointAsync(398.15);
        _rig.AdvanceHours(2);
        await IrradiateAsync("AR", 1);

        Assert.That(cold, Is.Zero);
        Assert.That(_rig.Facility.Observe().LatchupCount, Is.GreaterThan(0));
        Assert.That(Latchup.At(398.15, 3.3).Threshold, Is.EqualTo(10 * Math.Exp(-40.0 / 50)).Within(1e-9));
        Assert.That(Latchup.At(358.15, 3.6).Threshold, Is.EqualTo(10 * Math.Pow(3.3 / 3.6, 2)).Within(1e-9), "higher supply, lower threshold");
    }

    [Test]
    public async Task A_latch_held_past_its_burnout_time_destroys_the_DUT()
    {
        await _smu.SetCurrentLimitAsync(1.0);
        await IrradiateAsync("XE", 1);
        _rig.AdvanceSeconds(2);

        var test = await _dut.Agent.RunFunctionalTestAsync();
        await _smu.SetOutputAsync(false);
        await _smu.SetOutputAsync(true);
        _rig.AdvanceSeconds(5);

        Assert.That(test.Code, Is.EqualTo(204));
        Assert.That(await _dut.StatusAsync(), Is.EqualTo(DutStatus.Failed), "a power cycle does not bring back a burnt-out part");
        Assert.That(_rig.Facility.Observe().BurntOut, Is.True);
    }

    [Test]
    public async Task An_armed_SMU_requests_service_at_the_latch_instant_and_bench_time_stops_there()
    {
        await _smu.SetCurrentLimitAsync(1.0);
        await _smu.ArmOverCurrentRequestAsync(0.2);
        await _beam.SelectSpeciesAsync("XE");
        await _beam.SetFluxAsync(1e3 * PerSquareCentimetre);
        await _beam.SetShutterOpenAsync(true);
        var opened = _rig.Clock.GetUtcNow();
        var requests = new List<DateTimeOffset>();
        using var woken = new CancellationTokenSource();
        using var watch = _smuSimulator.WatchServiceRequests(() =>
        {
            requests.Add(_rig.Clock.GetUtcNow());
            woken.Cancel();
        });

        // The only participant sleeps for a day: no polling; the request alone ends the sleep.
        Assert.That(async () => await _rig.Clock.SleepAsync(TimeSpan.FromDays(1), woken.Token), Throws.InstanceOf<OperationCanceledException>());
        var truth = _rig.Facility.Observe();
        var current = await _smu.MeasureCurrentAsync();
        var event1 = await _smu.ReadOverCurrentEventAsync();
        var event2 = await _smu.ReadOverCurrentEventAsync();

        Assert.That(requests, Has.Count.EqualTo(1));
        Assert.That(requests[0], Is.GreaterThan(opened).And.LessThan(opened + TimeSpan.FromDays(1)), "at 1e3 ions/cm²/s the latch comes within seconds to minutes");
        Assert.That(truth.Latched, Is.True, "time stopped at the latch, before anyone acted");
        Assert.That(truth.LatchupCount, Is.EqualTo(1));
        Assert.That(truth.BurntOut, Is.False, "the 2 s burnout is still ahead");
        Assert.That(current, Is.GreaterThan(0.2), "the rail above the armed level");
        Assert.That(event1, Is.True, "the questionable CURRent event latched the request");
        Assert.That(event2, Is.False, "reading the event register cleared it, re-arming the request");
    }

    [Test]
    public async Task An_unarmed_SMU_requests_nothing_and_the_world_stays_lazy()
    {
        await _smu.SetCurrentLimitAsync(1.0);
        var requests = 0;
        using var watch = _smuSimulator.WatchServiceRequests(() => requests++);
        await IrradiateAsync("XE", 1);
        await _rig.Clock.SleepAsync(TimeSpan.FromSeconds(1));

        Assert.That(_rig.Facility.Observe().LatchupCount, Is.GreaterThan(0));
        Assert.That(requests, Is.Zero);
    }

    /// <summary>A short exposure; the bench must act on a latch-up within its burnout time, as a real one must.</summary>
    private async Task IrradiateAsync(string species, double seconds)
    {
        await _beam.SelectSpeciesAsync(species);
        // 1e5 ions/cm²/s: at saturation ~9 latch-ups/s, so one within the second, well before the 2 s burnout.
        await _beam.SetFluxAsync(1e5 * PerSquareCentimetre);
        await _beam.SetShutterOpenAsync(true);
        _rig.AdvanceSeconds(seconds);
        await _beam.SetShutterOpenAsync(false);
    }
}
