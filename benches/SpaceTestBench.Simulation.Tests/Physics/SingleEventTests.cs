using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// Single-event upsets, functional interrupts and silent data corruption as Poisson processes with Weibull
/// cross-sections: counts match σ(LET/cos θ)·Φ·cos θ within statistical bounds. The runs are seeded, so the
/// bounds (five standard deviations) check the physics without any chance of flaking.
/// </summary>
public sealed class SingleEventTests
{
    private const double PerSquareCentimetre = 1e4;
    private static readonly SeeCrossSections UpsetPerBit = new(TestDuts.Weibull(1e-8, 1, 10, 1), TestDuts.Weibull(1e-14, 20, 50, 1));
    private Rig _rig = null!;
    private PoweredDut _dut = null!;
    private FacilityBeamAdapter _beam = null!;

    private static SimulatedDut Dut(SeeCrossSections? interrupt = null, SeeCrossSections? corruption = null, double recovery = 1) =>
        TestDuts.Plain with { SingleEvents = new SingleEventSpec(1e6, UpsetPerBit, interrupt, recovery, corruption, null) };

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task Upsets_at_normal_incidence_number_bits_times_sigma_of_LET_times_fluence()
    {
        await OpenAsync(Dut());
        await _dut.PowerOnAsync();
        await _dut.Agent.StartWorkloadAsync(DutWorkload.MemoryTest);
        await RunAsync("XE", 0, 1e4, 1000);

        var counted = (await _dut.Agent.ReadCountersAsync()).Upsets;

        var expected = 1e6 * UpsetPerBit.HeavyIon!.At(62.5) * 1e7;
        Assert.That(expected, Is.EqualTo(99_787).Within(1), "1e6 bits × 9.98e-9 cm² × 1e7 ions/cm²");
        Assert.That(counted, Is.EqualTo(expected).Within(5 * Math.Sqrt(expected)));
    }

    [Test]
    public async Task A_tilted_run_gives_sigma_of_the_effective_LET_per_fluence_times_cos_theta()
    {
        // Kr at 60°: LET 32.4 → 64.8 effective; σ = N / (Φ·cos θ) must return σ(64.8).
        await OpenAsync(Dut());
        await _dut.PowerOnAsync();
        await RunAsync("KR", Math.PI / 3, 1e4, 1000);

        var counted = (await _dut.Agent.ReadCountersAsync()).Upsets;
        var crossSection = counted / (1e7 * 0.5) / 1e6;

        var expected = UpsetPerBit.HeavyIon!.At(64.8);
        var bound = 5 * Math.Sqrt(expected * 1e6 * 1e7 * 0.5) / (1e7 * 0.5) / 1e6;
        Assert.That(crossSection, Is.EqualTo(expected).Within(bound));
    }

    [Test]
    public async Task Below_the_threshold_LET_there_are_no_upsets_at_all()
    {
        // C: LET 1.3, but a threshold of 2 MeV·cm²/mg.
        await OpenAsync(TestDuts.Plain with
        {
            SingleEvents = new SingleEventSpec(1e6, new SeeCrossSections(TestDuts.Weibull(1e-8, 2, 10, 1), null), null, 1, null, null),
        });
        await _dut.PowerOnAsync();
        await RunAsync("C", 0, 1e5, 100);

        Assert.That((await _dut.Agent.ReadCountersAsync()).Upsets, Is.Zero);
    }

    [Test]
    public async Task Protons_upset_through_their_energy_cross_section()
    {
        await OpenAsync(Dut());
        await _dut.PowerOnAsync();
        await _beam.SelectSpeciesAsync("PROTON");
        await _beam.SetEnergyAsync(200 * 1.602176634e-13);
        await RunAsync(null, 0, 1e8, 1000);

        var expected = 1e6 * UpsetPerBit.Proton!.At(200) * 1e11;
        var counted = (await _dut.Agent.ReadCountersAsync()).Upsets;
        Assert.That(expected, Is.GreaterThan(500));
        Assert.That(counted, Is.EqualTo(expected).Within(5 * Math.Sqrt(expected)));
    }

    [Test]
    public async Task An_unpowered_DUT_sees_no_upsets()
    {
        await OpenAsync(Dut());
        await RunAsync("XE", 0, 1e4, 100);

        Assert.That(_rig.Facility.Observe().Counters.Upsets, Is.Zero);
    }

    [Test]
    public async Task A_functional_interrupt_hangs_the_DUT_until_a_soft_reset_and_a_reboot()
    {
        // 1e-4 cm² at saturation, 1e3 ions/cm²/s: one SEFI expected every 10 s.
        await OpenAsync(Dut(interrupt: new SeeCrossSections(TestDuts.Weibull(1e-4, 1, 5, 1), null)));
        await _dut.PowerOnAsync();
        await _dut.Agent.StartWorkloadAsync(DutWorkload.Inference);
        await _beam.SetFluxAsync(1e3 * PerSquareCentimetre);
        await _beam.SetShutterOpenAsync(true);
        _rig.AdvanceSeconds(120);
        await _beam.SetShutterOpenAsync(false);

        var counters = await _dut.Agent.ReadCountersAsync();
        var hung = await _dut.StatusAsync();
        var work = Assert.ThrowsAsync<ScpiInstrumentException>(() => _dut.Agent.StartWorkloadAsync(DutWorkload.Inference));
        var recovered = await _dut.Agent.ResetAsync();
        var booting = await _dut.StatusAsync();
        _rig.AdvanceSeconds(2.5);

        Assert.That(counters.FunctionalInterrupts, Is.EqualTo(1), "the first SEFI hangs the DUT; a hung DUT has no more");
        Assert.That(hung, Is.EqualTo(DutStatus.Hung));
        Assert.That(work!.Code, Is.EqualTo(202));
        Assert.That(recovered, Is.True, "a SEFI is cleared by a soft reset");
        Assert.That(booting, Is.EqualTo(DutStatus.Booting));
        Assert.That(await _dut.StatusAsync(), Is.EqualTo(DutStatus.Idle));
    }

    [Test]
    public async Task Silent_data_corruption_counts_mismatched_inferences_only_while_inference_runs()
    {
        var corruption = new SeeCrossSections(TestDuts.Weibull(1e-5, 1, 5, 1), null);
        await OpenAsync(Dut(corruption: corruption));
        await _dut.PowerOnAsync();
        await RunAsync("XE", 0, 1e4, 100); // memory idle: no inference, no mismatch
        var idle = await _dut.Agent.ReadCountersAsync();
        await _dut.Agent.StartWorkloadAsync(DutWorkload.Inference);
        await _beam.ResetFluenceAsync();
        await RunAsync("XE", 0, 1e4, 1000);

        var counters = await _dut.Agent.ReadCountersAsync();

        var expected = corruption.HeavyIon!.At(62.5) * 1e7;
        Assert.That(idle.Mismatches, Is.Zero);
        Assert.That(counters.Inferences, Is.EqualTo(100 * 1000).Within(1), "100 inferences/s for 1000 s");
        Assert.That(counters.Mismatches, Is.EqualTo(expected).Within(5 * Math.Sqrt(expected)));
    }

    [Test]
    public async Task The_same_seed_and_the_same_commands_give_the_same_counts()
    {
        async Task<DutCounters> Once()
        {
            await OpenAsync(Dut());
            await _dut.PowerOnAsync();
            await RunAsync("AR", 0, 3e3, 500);
            var counters = _rig.Facility.Observe().Counters;
            await _rig.DisposeAsync();
            return counters;
        }

        var first = await Once();
        var second = await Once();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Upsets, Is.GreaterThan(0));
        _rig = Rig.Create(TestDuts.Plain);
    }

    private async Task OpenAsync(SimulatedDut dut)
    {
        _rig = Rig.Create(dut, seed: 11);
        _dut = await PoweredDut.StartAsync(_rig);
        (_beam, _) = await _rig.OpenAsync(new FacilityBeamAdapterSimulator(_rig.Facility, "HIF-T", irradiatesDut: true), s => new FacilityBeamAdapter(s));
    }

    private async Task RunAsync(string? species, double tilt, double ionsPerSquareCentimetrePerSecond, double seconds)
    {
        if (species is not null)
        {
            await _beam.SelectSpeciesAsync(species);
        }

        await _beam.SetTiltAsync(tilt);
        await _beam.SetFluxAsync(ionsPerSquareCentimetrePerSecond * PerSquareCentimetre);
        await _beam.SetShutterOpenAsync(true);
        _rig.AdvanceSeconds(seconds);
        await _beam.SetShutterOpenAsync(false);
    }
}
