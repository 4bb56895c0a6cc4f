using System.Text.Json.Nodes;
using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Watlow;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// A total-dose sample plan in the gamma cell (MIL-STD-883 TM 1019 practice: biased, unbiased and unirradiated control
/// samples of one lot): every sample in the field absorbs the cell's dose at once, each with the damage factor of its
/// own bias, the control beside the cell absorbs none, and the switch matrix puts one at a time on the test station.
/// </summary>
public sealed class SampleLotTests
{
    private const double ZeroCelsius = 273.15;
    private static readonly TotalDoseSpec Dose = TestDuts.LotDose;

    private static readonly Dictionary<string, double> MaximumRated = TestDuts.MaximumRated;

    [Test]
    public void The_charge_yield_makes_the_maximum_rated_supply_the_worst_case_bias()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Dose.DamageFactorAt(0, 1.8), Is.EqualTo(0.5), "unbiased: the built-in field's yield alone");
            Assert.That(Dose.DamageFactorAt(1.8, 1.8), Is.EqualTo(1).Within(1e-12), "the profile's reference, nominal bias");
            var yieldRatio = 1.98 / (1.98 + 1.5) / (1.8 / (1.8 + 1.5));
            Assert.That(Dose.DamageFactorAt(1.98, 1.8), Is.EqualTo(0.5 + (0.5 * yieldRatio)).Within(1e-12).And.GreaterThan(1));
            Assert.That(Dose.DamageFactorAt(1.62, 1.8), Is.LessThan(1).And.GreaterThan(0.5), "under nominal bias less charge escapes recombination");
        });
    }

    [Test]
    public async Task Biased_samples_degrade_more_than_unbiased_ones_and_the_control_beside_the_cell_absorbs_nothing()
    {
        await using var rig = Rig.Create(TestDuts.Plain with { TotalDose = Dose });
        var dut = await PoweredDut.StartAsync(rig);
        var (cell, _) = await rig.OpenAsync(new FacilityGammaAdapterSimulator(rig.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        var biased = rig.Facility.MountFreshSample(keepLot: true);
        rig.Facility.PlaceInLot(MaximumRated, inField: true);
        var unbiased = rig.Facility.MountFreshSample(keepLot: true);
        rig.Facility.PlaceInLot(new Dictionary<string, double>(), inField: true);
        var control = rig.Facility.MountFreshSample(keepLot: true);
        rig.Facility.PlaceInLot(new Dictionary<string, double>(), inField: false);
        // The unbiased sample on the station during the exposure, its rails off: unbiased, as its position says.
        rig.Facility.SelectFromLot(unbiased);

        await cell.SetDoseRateAsync(1.0); // 100 rad(Si)/s
        await cell.SetSourceUpAsync(true);
        rig.AdvanceSeconds(500);
        await cell.SetSourceUpAsync(false);

        Assert.That(rig.Facility.LotSamples, Is.EqualTo(new[] { biased, unbiased, control }));
        Assert.That(rig.Facility.LotSampleDose(biased), Is.EqualTo(rig.Facility.LotSampleDose(unbiased)).Within(1e-6).Percent.And.GreaterThan(40_000), "one field, one dose");
        Assert.That(rig.Facility.LotSampleDose(control), Is.Zero);

        var unbiasedOxide = rig.Facility.Observe().OxideTrappedRad;
        rig.Facility.SelectFromLot(biased);
        var biasedOxide = rig.Facility.Observe().OxideTrappedRad;
        Assert.That(rig.Facility.Sample, Is.EqualTo(2), "the biased sample, mounted first after the bench's own");
        Assert.That(biasedOxide / unbiasedOxide, Is.EqualTo(Dose.DamageFactorAt(1.98, 1.8) / 0.5).Within(1e-3).Percent, "the oxide charge follows each bias's damage factor");

        await dut.PowerOnAsync(1.98, 3.6);
        var biasedCurrent = await dut.Supply.MeasureCurrentAsync(1);
        await dut.PowerOffAsync();
        Assert.That(() => rig.Facility.SelectFromLot("nobody"), Throws.InvalidOperationException.With.Message.Contains("not in the lot"));
        rig.Facility.SelectFromLot(unbiased);
        await dut.PowerOnAsync(1.98, 3.6);
        Assert.That(() => rig.Facility.SelectFromLot(control), Throws.InvalidOperationException.With.Message.Contains("switch its supply off"));
        var unbiasedCurrent = await dut.Supply.MeasureCurrentAsync(1);
        Assert.That(biasedCurrent - unbiasedCurrent, Is.GreaterThan(1e-3), "the biased sample's field-oxide leakage is the larger, read on the same station");
    }

    [Test]
    public async Task Switching_samples_with_board_capacitance_months_into_a_campaign_boots_each_one()
    {
        // Past 10^7 s of bench time a nanosecond is lost in rounding. (The stall the default run met there, a supply's
        // charge due at t itself for ever, needs a charge that ends with the load at the current limit; this rig does
        // not reach that edge, the default run does: SimulatedSupplyChannel.ChargeCompleteAt now returns a time after t.)
        var loads = new Dictionary<string, CmosSupplyLoad>
        {
            ["core"] = TestDuts.Core with { InputCapacitanceFarads = 220e-6 },
            ["io"] = TestDuts.Io with { InputCapacitanceFarads = 47e-6 },
        };
        await using var rig = Rig.Create(TestDuts.Plain with { SupplyLoads = loads, TotalDose = Dose });
        var dut = await PoweredDut.StartAsync(rig);
        rig.AdvanceHours(3200);
        var first = rig.Facility.MountFreshSample(keepLot: true);
        rig.Facility.PlaceInLot(MaximumRated, inField: true);
        var second = rig.Facility.MountFreshSample(keepLot: true);
        rig.Facility.PlaceInLot(new Dictionary<string, double>(), inField: true);

        for (var i = 0; i < 20; i++)
        {
            rig.Facility.SelectFromLot(i % 2 == 0 ? first : second);
            await dut.PowerOnAsync(1.98, 3.6);
            Assert.That(await dut.StatusAsync(), Is.EqualTo(SpaceTestBench.Instruments.Roles.DutStatus.Idle), $"switch {i}");
            rig.AdvanceSeconds(0.37 * (i + 1));
            await dut.PowerOffAsync();
        }
    }

    [Test]
    public async Task A_restored_world_holds_the_lot_with_each_samples_physics()
    {
        await using var before = Rig.Create(TestDuts.Plain with { TotalDose = Dose });
        var (cell, _) = await before.OpenAsync(new FacilityGammaAdapterSimulator(before.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        var biased = before.Facility.MountFreshSample(keepLot: true);
        before.Facility.PlaceInLot(MaximumRated, inField: true);
        var control = before.Facility.MountFreshSample(keepLot: true);
        before.Facility.PlaceInLot(new Dictionary<string, double>(), inField: false);
        await cell.SetDoseRateAsync(0.5);
        await cell.SetSourceUpAsync(true);
        before.AdvanceSeconds(200);
        await cell.SetSourceUpAsync(false);
        var state = before.Facility.CaptureState();

        await using var after = Rig.Create(TestDuts.Plain with { TotalDose = Dose });
        _ = await after.OpenAsync(new FacilityGammaAdapterSimulator(after.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        after.Facility.RestoreState(state);

        Assert.That(after.Facility.LotSamples, Is.EqualTo(new[] { biased, control }));
        Assert.That(after.Facility.LotSampleDose(biased), Is.EqualTo(before.Facility.LotSampleDose(biased)).And.GreaterThan(5_000));
        Assert.That(after.Facility.LotSampleDose(control), Is.Zero);
        Assert.That(after.Facility.CaptureState(), Is.EqualTo(state), "a capture of the restored world is the capture it came from");

        after.Facility.MountFreshSample();
        Assert.That(after.Facility.LotSamples, Is.Empty, "a scenario's own fresh sample: the lot leaves the cell");
    }

    /// <summary>
    /// Issue 15: a lot restored after its exposure anneals as the uninterrupted lot does, at 100 °C as at room
    /// temperature: every sample's dose, trapped charge, interface traps and case temperature (its self-heating at its
    /// bias on the board included) after 24 h at 24 °C, 2 h and 166 h more at 100 °C and 2 h back at 24 °C are the
    /// uninterrupted world's, to rounding (the two integrate over steps counted from different starts). What the anneal rate depends on — the oxide charge,
    /// the junction temperature (case plus self-heating), the chamber's air — is all in the world checkpoint.
    /// </summary>
    [Test]
    public async Task A_lot_restored_after_its_exposure_anneals_hot_as_the_uninterrupted_lot_does()
    {
        var part = TestDuts.Plain with { TotalDose = Dose, Thermal = new DutThermalSpec(240, 2100, 3, 1.2, 25, 298.15, 398.15) };
        await using var uninterrupted = Rig.Create(part);
        var (cell, _) = await uninterrupted.OpenAsync(new FacilityGammaAdapterSimulator(uninterrupted.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        var (chamber, _) = await uninterrupted.OpenAsync(new WatlowF4TSimulator(uninterrupted.Facility, "F4T-T", seed: 6, hostsDut: true), s => new WatlowF4T(s));
        var samples = new List<string>();
        foreach (var (bias, inField) in new[] { (MaximumRated, true), (MaximumRated, true), (new Dictionary<string, double>(), true), (new Dictionary<string, double>(), false) })
        {
            samples.Add(uninterrupted.Facility.MountFreshSample(keepLot: true));
            uninterrupted.Facility.PlaceInLot(bias, inField);
        }

        uninterrupted.Facility.SelectFromLot(samples[0]);
        await chamber.SetSetpointAsync(ZeroCelsius + 24);
        await cell.SetDoseRateAsync(1.0); // 100 rad(Si)/s
        await cell.SetSourceUpAsync(true);
        uninterrupted.AdvanceSeconds(500);
        await cell.SetSourceUpAsync(false);
        uninterrupted.AdvanceSeconds(60);
        var state = uninterrupted.Facility.CaptureState();
        var oxideAtCapture = Lot(state).Select(s => (double)s["OxideTrappedRad"]!).ToList();

        // The resumed bench: fresh simulators, its clock from the capture's instant, the world restored.
        await using var resumed = Rig.CreateAt(part, uninterrupted.Clock.GetUtcNow());
        _ = await resumed.OpenAsync(new FacilityGammaAdapterSimulator(resumed.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        var (chamberAgain, _) = await resumed.OpenAsync(new WatlowF4TSimulator(resumed.Facility, "F4T-T", seed: 6, hostsDut: true), s => new WatlowF4T(s));
        resumed.Facility.RestoreState(state);

        // Compared after every phase: 2 h at 100 °C is about one anneal time constant (1000 h at 25 °C, 0.8 eV), where a
        // lost temperature or charge shows as another rate; after 168 h the oxide charge is gone in any case.
        foreach (var (celsius, hours) in new[] { (24.0, 24.0), (100.0, 2.0), (100.0, 166.0), (24.0, 2.0) })
        {
            await chamber.SetSetpointAsync(ZeroCelsius + celsius);
            await chamberAgain.SetSetpointAsync(ZeroCelsius + celsius);
            uninterrupted.AdvanceHours(hours);
            resumed.AdvanceHours(hours);
            var whole = Lot(uninterrupted.Facility.CaptureState());
            var again = Lot(resumed.Facility.CaptureState());
            Assert.That(again, Has.Count.EqualTo(whole.Count).And.Count.EqualTo(samples.Count));
            Assert.Multiple(() =>
            {
                for (var i = 0; i < whole.Count; i++)
                {
                    foreach (var quantity in new[] { "DoseRad", "OxideTrappedRad", "InterfaceTrapRad", "CaseKelvin" })
                    {
                        var expected = (double)whole[i][quantity]!;
                        Assert.That((double)again[i][quantity]!, Is.EqualTo(expected).Within((1e-9 * Math.Abs(expected)) + 1e-12), $"sample {i + 1}'s {quantity} after {hours} h more at {celsius} °C");
                    }
                }
            });
        }

        Assert.That(Lot(uninterrupted.Facility.CaptureState()).Select(s => (double)s["OxideTrappedRad"]!), Is.All.LessThan(1e-6 * oxideAtCapture.Max()), "the hot anneal removed the oxide charge");
    }

    /// <summary>Every sample of a captured world's lot, the one on the station included, as its captured physics.</summary>
    private static List<JsonObject> Lot(string state)
    {
        var world = JsonNode.Parse(state)!.AsObject();
        return [.. world["lot"]!.AsArray().Select(s => s!["dut"] as JsonObject ?? world["dut"]!.AsObject())];
    }
}
