using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// Total-dose drift: oxide-trapped charge dD_ot/dt = b·Ḋ − D_ot/τ(T), interface traps dD_it/dt = f·b·Ḋ + r·D_ot/τ(T),
/// ΔV_th = k_it·D_it − k_ot·D_ot, ΔI = I_s·(exp(D_ot/D_s) − 1), τ(T) Arrhenius.
/// </summary>
public sealed class TotalDoseTests
{
    private static readonly TotalDoseSpec Dose = new(
        "core", LeakageCurrentScaleAmperes: 2e-3, LeakageDoseScaleRad: 20_000, ThresholdVoltage: 0.45,
        OxideShiftVoltsPerRad: 0.5e-6, InterfaceShiftVoltsPerRad: 0.2e-6, InterfaceTrapFraction: 0.2, ReboundFraction: 0.4,
        UnbiasedDamageFactor: 0.5, AnnealTimeConstantSeconds: 10 * 3600, AnnealReferenceKelvin: 298.15, AnnealActivationEnergyEv: 0.8,
        FunctionalFailureDoseRad: 80_000);

    [Test]
    public void Under_constant_rate_the_oxide_charge_saturates_at_b_rate_tau_and_interface_traps_collect_what_anneals()
    {
        var dut = new DutModel(TestDuts.Plain with { TotalDose = Dose }, seed: 1);
        const double rate = 10.0; // rad(Si)/s, unbiased (the model's DUT is not powered here)
        var tau = Dose.AnnealTimeConstantAt(298.15);

        Advance(dut, rate, 298.15, 3600);

        var source = Dose.UnbiasedDamageFactor * rate;
        var oxide = source * tau * (1 - Math.Exp(-3600 / tau));
        var interface_ = (Dose.InterfaceTrapFraction * source * 3600) + (Dose.ReboundFraction * ((source * 3600) - oxide));
        Assert.That(dut.DoseRad, Is.EqualTo(36_000).Within(1e-6));
        Assert.That(dut.OxideTrappedRad, Is.EqualTo(oxide).Within(1e-9 * oxide));
        Assert.That(dut.InterfaceTrapRad, Is.EqualTo(interface_).Within(1e-9 * interface_));
        Assert.That(dut.ThresholdVoltage, Is.EqualTo(0.45 + (0.2e-6 * interface_) - (0.5e-6 * oxide)).Within(1e-12));
        Assert.That(dut.DoseLeakageAmperes, Is.EqualTo(2e-3 * (Math.Exp(oxide / 20_000) - 1)).Within(1e-12));
    }

    [Test]
    public void A_hot_anneal_removes_oxide_charge_with_the_Arrhenius_time_constant_and_interface_traps_rebound()
    {
        var dut = new DutModel(TestDuts.Plain with { TotalDose = Dose }, seed: 1);
        Advance(dut, 50, 298.15, 1000);
        var (oxide, interface_) = (dut.OxideTrappedRad, dut.InterfaceTrapRad);

        Advance(dut, 0, 373.15, 3 * 3600);

        // τ(100 °C) = τ(25 °C)·exp(Ea/k·(1/373.15 − 1/298.15)) ≈ 10 h / 522 ≈ 69 s.
        var tauHot = Dose.AnnealTimeConstantAt(373.15);
        Assert.That(tauHot, Is.EqualTo(10 * 3600 * Math.Exp(0.8 / 8.617333262e-5 * ((1 / 373.15) - (1 / 298.15)))).Within(1e-9));
        Assert.That(tauHot, Is.EqualTo(69).Within(1));
        var remaining = oxide * Math.Exp(-3 * 3600 / tauHot);
        Assert.That(dut.OxideTrappedRad, Is.EqualTo(remaining).Within(1e-9));
        Assert.That(dut.InterfaceTrapRad, Is.EqualTo(interface_ + (Dose.ReboundFraction * (oxide - remaining))).Within(1e-6), "rebound");
        Assert.That(dut.ThresholdVoltage, Is.GreaterThan(0.45), "after the anneal the interface traps dominate: the threshold has rebounded above its start");
    }

    [Test]
    public void Beyond_its_functional_failure_dose_the_DUT_has_failed_for_good()
    {
        var dut = new DutModel(TestDuts.Plain with { TotalDose = Dose }, seed: 1);

        Advance(dut, 100, 298.15, 799);
        var before = dut.Failed;
        Advance(dut, 100, 298.15, 2);
        Advance(dut, 0, 373.15, 1e6);

        Assert.That(before, Is.False);
        Assert.That(dut.Failed, Is.True, "80 krad(Si) reached; annealing does not undo it");
    }

    [Test]
    public async Task Biased_in_the_gamma_cell_the_drift_shows_on_the_supply_current_and_the_threshold_monitor()
    {
        await using var rig = Rig.Create(TestDuts.Plain with { TotalDose = Dose });
        var dut = await PoweredDut.StartAsync(rig);
        var (cell, _) = await rig.OpenAsync(new FacilityGammaAdapterSimulator(rig.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        await dut.PowerOnAsync();
        var currentBefore = await dut.Supply.MeasureCurrentAsync(1);
        var thresholdBefore = await dut.Agent.MeasureThresholdVoltageAsync();
        await cell.SetDoseRateAsync(0.5); // 50 rad(Si)/s, biased
        await cell.SetSourceUpAsync(true);
        rig.AdvanceSeconds(1000);
        await cell.SetSourceUpAsync(false);

        var currentAfter = await dut.Supply.MeasureCurrentAsync(1);
        var thresholdAfter = await dut.Agent.MeasureThresholdVoltageAsync();

        // The true rate is the requested one over the dosimeter's calibration factor; its decay over 1000 s is 4e-6.
        var rate = rig.Facility.Observe().GammaRateRadPerSecond;
        var tau = Dose.AnnealTimeConstantAt(296.15); // no thermal model: the DUT sits at the 23 °C ambient
        var oxide = rate * tau * (1 - Math.Exp(-1000 / tau));
        var interface_ = (0.2 * rate * 1000) + (0.4 * ((rate * 1000) - oxide));
        Assert.That(rig.Facility.Observe().DoseRad, Is.EqualTo(rate * 1000).Within(rate * 1000 * 1e-5));
        Assert.That(currentAfter - currentBefore, Is.EqualTo(2e-3 * (Math.Exp(oxide / 20_000) - 1)).Within(5e-4), "ΔI_dd on the core rail");
        Assert.That(thresholdAfter - thresholdBefore, Is.EqualTo((0.2e-6 * interface_) - (0.5e-6 * oxide)).Within(2e-3));
    }

    private static void Advance(DutModel dut, double radPerSecond, double kelvin, double seconds)
    {
        var exposure = Exposure.None with { DoseRate = radPerSecond };
        var rates = new double[dut.Rates(Exposure.None, 0, DateTimeOffset.UnixEpoch).Length]; // no single-event process runs: every rate zero
        var t = 0.0;
        while (seconds > 0)
        {
            var step = Math.Min(seconds, 60);
            dut.Advance(step, t, rates, exposure, kelvin, vacuum: false);
            t += step;
            seconds -= step;
        }
    }
}
