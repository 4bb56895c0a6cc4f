using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>Dose = ∫ rate dt while the source is up, with Co-60 decay; the dosimeter reads it within its stated uncertainty.</summary>
public sealed class GammaCellTests
{
    private const double HalfLifeHours = 5.2714 * 365.25 * 24;
    private Rig _rig = null!;
    private FacilityGammaAdapter _cell = null!;
    private FacilityGammaAdapterSimulator _simulator = null!;

    [SetUp]
    public async Task Open()
    {
        _rig = Rig.Create(TestDuts.Plain);
        _simulator = new FacilityGammaAdapterSimulator(_rig.Facility, "CO60-T", seed: 3, irradiatesDut: true);
        // With the simulator's service request line, as a bench in the same process sees it (InstrumentHandle).
        (_cell, _) = await _rig.OpenAsync(_simulator, s => new FacilityGammaAdapter(new ServiceRequestLineSession(s, _simulator)));
    }

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task Dose_is_the_integral_of_the_decaying_rate_while_the_source_is_up_and_nothing_while_it_is_down()
    {
        await _cell.SetDoseRateAsync(36.0 / 100 / 3600); // 36 rad(Si)/h as the facility's dosimetry sees it
        var initial = _rig.Facility.Observe().GammaRateRadPerSecond * 3600;
        await _cell.SetSourceUpAsync(true);
        _rig.AdvanceHours(2000);
        await _cell.SetSourceUpAsync(false);
        var afterExposure = _rig.Facility.Observe().DoseRad;
        _rig.AdvanceHours(500);

        // ∫₀ᵗ R₀·2^(−s/T½) ds = R₀·T½/ln2·(1 − 2^(−t/T½))
        var expected = initial * HalfLifeHours / Math.Log(2) * (1 - Math.Pow(2, -2000 / HalfLifeHours));
        Assert.That(afterExposure, Is.EqualTo(expected).Within(1e-9 * expected));
        Assert.That(initial, Is.EqualTo(36).Within(36 * 0.075), "the true rate differs from the requested one by the dosimeter's calibration");
        Assert.That(expected / initial, Is.EqualTo(1971).Within(1), "2000 h less 1.5 % for the decay over the exposure");
        Assert.That(_rig.Facility.Observe().DoseRad, Is.EqualTo(afterExposure), "no dose with the source down");
    }

    [Test]
    public async Task The_dosimeter_reads_the_true_dose_within_its_stated_uncertainty()
    {
        await _cell.SetDoseRateAsync(0.5); // 180 krad(Si)/h: the top of the ESCC 22900 standard window
        await _cell.SetSourceUpAsync(true);
        _rig.AdvanceSeconds(200);
        await _cell.SetSourceUpAsync(false);

        var reading = await _cell.MeasureDoseAsync();
        var truth = _rig.Facility.Observe().DoseRad / 100;

        Assert.That(truth, Is.EqualTo(100).Within(100 * 0.075), "about 0.5 Gy/s for 200 s");
        Assert.That(reading.RelativeUncertainty, Is.EqualTo(2 * Math.Sqrt((0.025 * 0.025) + (0.002 * 0.002))).Within(1e-9));
        Assert.That(Math.Abs((reading.Gray / truth) - 1), Is.LessThanOrEqualTo(1.5 * reading.RelativeUncertainty),
            "a seeded calibration factor and reading noise, inside 3 standard uncertainties");
    }

    [Test]
    public async Task A_dose_target_lowers_the_source_when_the_dosimeter_reaches_it()
    {
        await _cell.SetDoseRateAsync(360.0 / 100 / 3600); // 360 rad(Si)/h
        await _cell.SetDoseTargetAsync(50); // 5 krad(Si) on the dosimeter: ~13.9 h
        await _cell.SetSourceUpAsync(true);
        _rig.AdvanceHours(13);
        Assert.That(await _cell.IsSourceUpAsync(), Is.True);

        _rig.AdvanceHours(2);

        Assert.That(await _cell.IsSourceUpAsync(), Is.False);
        var reading = await _cell.MeasureDoseAsync();
        Assert.That(reading.Gray, Is.EqualTo(50).Within(50 * 0.01), "the source went down at the target (reading noise 0.2 %)");
    }

    [Test]
    public async Task The_cell_requests_service_at_the_instant_its_controller_lowers_the_source_at_the_dose_target()
    {
        await _cell.SetDoseRateAsync(360.0 / 100 / 3600); // 360 rad(Si)/h
        var requests = new List<DateTimeOffset>();
        var woken = new CancellationTokenSource();
        using var watch = _simulator.WatchServiceRequests(() =>
        {
            requests.Add(_rig.Clock.GetUtcNow());
            woken.Cancel();
        });

        var sinceLowered = new List<TimeSpan?>();
        foreach (var target in new[] { 50.0, 100.0 }) // 5 then 10 krad(Si) on the dosimeter: ~13.9 h each
        {
            await _cell.SetDoseTargetAsync(target);
            await _cell.SetSourceUpAsync(true);
            // The only participant sleeps for a day: no look at the source; the request alone ends the sleep.
            Assert.That(async () => await _rig.Clock.SleepAsync(TimeSpan.FromDays(1), woken.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(await _cell.IsSourceUpAsync(), Is.False);
            sinceLowered.Add((await _cell.ReadSourceMovesAsync()).SinceLowered);
            woken.Dispose();
            woken = new CancellationTokenSource();
        }

        woken.Dispose();
        Assert.That(requests, Has.Count.EqualTo(2), "one request per lowering: raising the source read the event, so the next lowering requests again");
        Assert.That(requests[0] - _rig.Facility.Start, Is.EqualTo(TimeSpan.FromHours(13.9)).Within(TimeSpan.FromHours(13.9 * 0.075)), "at the target, not a day later");
        Assert.That(sinceLowered.Select(t => t?.TotalSeconds), Is.All.EqualTo(0).Within(1e-3), "bench time stopped at the lowering the controller logged");
    }

    [Test]
    public void A_rate_the_table_cannot_reach_is_the_instruments_222_not_a_clamp()
    {
        // 1 rad(Si)/h needs the table 45 m from a source giving 2 krad(Si)/h at 1 m.
        var error = Assert.ThrowsAsync<ScpiInstrumentException>(() => _cell.SetDoseRateAsync(1.0 / 100 / 3600));

        Assert.That(error!.Code, Is.EqualTo(-222));
        Assert.That(error.Text, Does.Match(@"1 rad/h needs the table at 4\d\.\d+ m, outside 0\.05-10 m"));
    }

    [Test]
    public async Task The_table_distance_follows_the_inverse_square_law()
    {
        await _cell.SetDoseRateAsync(GammaCellSpec.Default.RateAtOneMetreRadPerHour / 4 / 100 / 3600);

        var rate = await _cell.MeasureDoseRateAsync();

        Assert.That(rate * 100 * 3600, Is.EqualTo(500).Within(500 * 0.1), "a quarter of the 1 m rate, at 2 m, as the dosimeter reads it");
    }

    [Test]
    public async Task The_controller_logs_when_its_source_went_up_and_down_and_a_second_lowering_does_not_move_the_log()
    {
        Assert.That(await _cell.ReadSourceMovesAsync(), Is.EqualTo(new SourceMoves(null, null)), "a cell that never moved its source has nothing on record");

        await _cell.SetDoseRateAsync(0.5); // 180 krad(Si)/h
        await _cell.SetDoseTargetAsync(50); // 5 krad(Si): about 100 s at this rate
        await _cell.SetSourceUpAsync(true);
        var rate = await _cell.MeasureDoseRateAsync();
        _rig.AdvanceSeconds(600);
        await _cell.SetSourceUpAsync(false); // already down at its target: the end on record stays the target's
        _rig.AdvanceSeconds(300);

        var moves = await _cell.ReadSourceMovesAsync();

        Assert.That(moves.SinceRaised!.Value.TotalSeconds, Is.EqualTo(900).Within(1e-3));
        var exposure = moves.SinceRaised.Value - moves.SinceLowered!.Value;
        Assert.That(exposure.TotalSeconds, Is.EqualTo(50 / rate).Within(50 / rate * 0.01),
            "lowered by the controller when the dosimeter read the target (the dose over the rate it read), not by the later command");
    }
}
