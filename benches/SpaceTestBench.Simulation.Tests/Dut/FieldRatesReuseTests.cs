using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Dut;

/// <summary>
/// The DUT keeps the single-event rates of the last exposure it was given (the field stands still through an
/// irradiation's many steps). Kept or computed, the rates must be the cross-sections' at the exposure of the step, to the
/// bit, whichever term of the field changed and in whatever order fields come back.
/// </summary>
public sealed class FieldRatesReuseTests
{
    private static readonly SeeCrossSections Upsets = new(TestDuts.Weibull(1e-8, 2, 10, 1.5), TestDuts.Weibull(1e-14, 20, 40, 0.8));
    private static readonly SeeCrossSections Interrupts = new(TestDuts.Weibull(1e-5, 8, 20, 2), TestDuts.Weibull(1e-11, 30, 60, 1.2));

    [Test]
    public void Rates_kept_between_steps_are_the_cross_sections_at_every_exposure_of_a_sweep()
    {
        var dut = new DutModel(TestDuts.Plain with { SingleEvents = new SingleEventSpec(1e6, Upsets, Interrupts, 1, null, null) }, seed: 3);
        dut.Settle(0, DateTimeOffset.UnixEpoch, default);
        var ions = new Exposure(DoseRate: 1, FluxOnDie: 1e4, BeamFlux: 2e4, EffectiveLet: 37.5, IsProton: false, EnergyMeV: 0);
        var protons = new Exposure(DoseRate: 2, FluxOnDie: 5e7, BeamFlux: 1e8, EffectiveLet: 0, IsProton: true, EnergyMeV: 100);
        var sweep = new[]
        {
            ions, ions, ions with { DoseRate = 3 }, ions with { EffectiveLet = 60 }, ions with { FluxOnDie = 5e3 }, ions with { BeamFlux = 1e4 },
            ions, protons, protons with { EnergyMeV = 200 }, protons with { BeamFlux = 2e8 }, ions with { IsProton = true }, Exposure.None, ions,
        };

        foreach (var exposure in sweep)
        {
            // Past the boot, so the part is operational and every process the field drives runs.
            var rates = dut.Rates(exposure, 100, DateTimeOffset.UnixEpoch);
            Assert.That(Bits(rates[(int)DutModel.Process.Upset]), Is.EqualTo(Bits(1e6 * exposure.Rate(Upsets))), $"upsets at {exposure}");
            Assert.That(Bits(rates[(int)DutModel.Process.FunctionalInterrupt]), Is.EqualTo(Bits(exposure.Rate(Interrupts))), $"interrupts at {exposure}");
        }

        Assert.That(dut.Rates(ions, 100, DateTimeOffset.UnixEpoch)[(int)DutModel.Process.Upset], Is.GreaterThan(0), "the sweep drives the processes");
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
