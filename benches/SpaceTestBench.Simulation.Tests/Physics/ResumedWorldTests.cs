using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Instruments.Watlow;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// Counter-based randomness (docs/simulators.md, "Randomness and determinism"): a reading's noise is a function of the
/// seed, the instrument's stream and the bench instant, and a single-event process's next event of the hazards and event
/// numbers the world checkpoint holds. So a world restored from a capture, on a bench whose time continues from the
/// capture's instant and given the same settings there, reads what the uninterrupted world reads at every later instant
/// and counts the same upsets — not another draw of the same physics.
/// </summary>
public sealed class ResumedWorldTests
{
    private const double ZeroCelsius = 273.15;
    private static readonly SeeCrossSections UpsetPerBit = new(TestDuts.Weibull(1e-8, 1, 10, 1), TestDuts.Weibull(1e-14, 20, 50, 1));
    private static readonly SimulatedDut Dut = TestDuts.Plain with { SingleEvents = new SingleEventSpec(1e6, UpsetPerBit, null, 1, null, null) };

    [Test]
    public async Task A_world_restored_at_the_instant_it_was_captured_reads_and_upsets_as_the_uninterrupted_world_does()
    {
        await using var uninterrupted = Rig.Create(Dut);
        var first = await OpenAsync(uninterrupted);
        await first.Dut.PowerOnAsync();
        await SetAsync(first);
        uninterrupted.AdvanceSeconds(600);
        var state = uninterrupted.Facility.CaptureState();
        var upsetsAtCapture = uninterrupted.Facility.Observe().Counters.Upsets;

        // The resumed bench: fresh simulators, its clock from the capture's instant, the world restored, the settings replayed.
        await using var resumed = Rig.CreateAt(Dut, uninterrupted.Clock.GetUtcNow());
        var second = await OpenAsync(resumed);
        resumed.Facility.RestoreState(state);
        await second.Dut.PowerOnAsync(advance: false);
        await SetAsync(second);
        var upsetsAtRestore = resumed.Facility.Observe().Counters.Upsets;

        var readings = new List<(double Air, double Upsets)>();
        var again = new List<(double Air, double Upsets)>();
        for (var i = 0; i < 5; i++)
        {
            uninterrupted.AdvanceSeconds(60);
            resumed.AdvanceSeconds(60);
            readings.Add((await first.Chamber.MeasureAirTemperatureAsync(), uninterrupted.Facility.Observe().Counters.Upsets - upsetsAtCapture));
            again.Add((await second.Chamber.MeasureAirTemperatureAsync(), resumed.Facility.Observe().Counters.Upsets - upsetsAtRestore));
        }

        Assert.That(readings[^1].Upsets, Is.GreaterThan(100), "the beam upsets the memory meanwhile");
        Assert.That(readings.Select(r => r.Air).Distinct().Count(), Is.EqualTo(readings.Count), "each reading carries its own noise");
        Assert.That(again, Is.EqualTo(readings), "the same readings, value for value, and the same upsets");
    }

    [Test]
    public async Task Two_readings_at_one_instant_draw_independent_noise_and_the_same_instant_in_a_run_started_later_draws_the_same()
    {
        await using var one = Rig.Create(Dut);
        await using var later = Rig.CreateAt(Dut, one.Clock.GetUtcNow().AddDays(3));
        var a = await PoweredDut.StartAsync(one);
        var b = await PoweredDut.StartAsync(later);
        await a.PowerOnAsync();
        await b.PowerOnAsync();

        var twoAtOnce = new[] { await a.Supply.MeasureVoltageAsync(1), await a.Supply.MeasureVoltageAsync(1) };
        var sameMoment = await b.Supply.MeasureVoltageAsync(1);

        Assert.That(twoAtOnce[1], Is.Not.EqualTo(twoAtOnce[0]), "the second draw at an instant is the stream's next, not the first again");
        Assert.That(sameMoment, Is.EqualTo(twoAtOnce[0]), "the same moment of the run, three days later: noise is keyed by bench time since the run's start");
    }

    private static async Task<Bench> OpenAsync(Rig rig)
    {
        var dut = await PoweredDut.StartAsync(rig);
        var (beam, _) = await rig.OpenAsync(new FacilityBeamAdapterSimulator(rig.Facility, "HIF-T", irradiatesDut: true), s => new FacilityBeamAdapter(s));
        var (chamber, _) = await rig.OpenAsync(new WatlowF4TSimulator(rig.Facility, "F4T-T", seed: 6, hostsDut: true), s => new WatlowF4T(s));
        return new Bench(dut, beam, chamber);
    }

    /// <summary>The settings a settings restore replays: the chamber's setpoint, the beam's species, flux and shutter.</summary>
    private static async Task SetAsync(Bench bench)
    {
        await bench.Chamber.SetSetpointAsync(ZeroCelsius + 85);
        await bench.Beam.SelectSpeciesAsync("XE");
        await bench.Beam.SetFluxAsync(1e3 * 1e4);
        await bench.Beam.SetShutterOpenAsync(true);
    }

    private sealed record Bench(PoweredDut Dut, FacilityBeamAdapter Beam, WatlowF4T Chamber);
}
