using System.Reflection;
using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// A resumed run's simulated DUT carries what it had been through (issue 15): the world's physical state captured in
/// one world and restored into a fresh one of the same bench gives the same sample, dose, trapped charge and the gamma
/// cell's delivered dose, and the physics goes on from there as it would have.
/// </summary>
public sealed class WorldStateTests
{
    [Test]
    public async Task A_world_restored_from_a_capture_holds_the_dose_the_sample_and_the_cells_delivered_dose_and_goes_on_from_them()
    {
        await using var before = Rig.Create(TestDuts.Plain);
        var (cell, _) = await before.OpenAsync(new FacilityGammaAdapterSimulator(before.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        before.Facility.MountFreshSample();
        await cell.SetDoseRateAsync(100.0 / 100 / 3600);
        await cell.SetSourceUpAsync(true);
        before.AdvanceHours(10);
        await cell.SetSourceUpAsync(false);
        var state = before.Facility.CaptureState();
        var seen = before.Facility.Observe();

        await using var after = Rig.Create(TestDuts.Plain);
        var (restoredCell, _) = await after.OpenAsync(new FacilityGammaAdapterSimulator(after.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        after.Facility.RestoreState(state);
        var restored = after.Facility.Observe();

        Assert.That(after.Facility.Sample, Is.EqualTo(2), "the fresh sample mounted before the capture");
        Assert.That(restored.DoseRad, Is.EqualTo(seen.DoseRad).And.GreaterThan(500));
        Assert.That((await restoredCell.MeasureDoseAsync()).Gray, Is.EqualTo((await cell.MeasureDoseAsync()).Gray).Within(1).Percent, "the cell's dosimeter reads the dose it had delivered");
        Assert.That(after.Facility.CaptureState(), Is.EqualTo(state), "a capture of the restored world is the capture it came from");

        await restoredCell.SetSourceUpAsync(true);
        after.AdvanceHours(1);
        Assert.That(after.Facility.Observe().DoseRad, Is.GreaterThan(seen.DoseRad), "and the dose goes on accumulating from there");
    }

    /// <summary>
    /// Issue 15: a run cut after an exposure ended and resumed must time the parametric test from that end, not from the
    /// resume. The cell's log of its source's moves is part of the world's state: restored into a fresh world whose bench
    /// time continues later (an outage), it still dates the end where it was, so the time since it includes the outage.
    /// </summary>
    [Test]
    public async Task The_cells_log_of_the_exposures_end_survives_a_restore_and_counts_the_time_since_across_the_outage()
    {
        await using var before = Rig.Create(TestDuts.Plain);
        var (cell, _) = await before.OpenAsync(new FacilityGammaAdapterSimulator(before.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        await cell.SetDoseRateAsync(100.0 / 100 / 3600);
        await cell.SetSourceUpAsync(true);
        before.AdvanceHours(10);
        await cell.SetSourceUpAsync(false);
        before.AdvanceSeconds(120);
        var state = before.Facility.CaptureState();
        var captured = before.Clock.GetUtcNow();

        // Resumed 3 h of bench time after the capture: a fresh world of the same bench, its source down.
        await using var after = Rig.CreateAt(TestDuts.Plain, captured + TimeSpan.FromHours(3));
        var (restoredCell, _) = await after.OpenAsync(new FacilityGammaAdapterSimulator(after.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        after.Facility.RestoreState(state);
        await restoredCell.SafeStateAsync(); // the resume's safe state lowers a source that is already down: no new end

        var moves = await restoredCell.ReadSourceMovesAsync();

        Assert.That(moves.SinceLowered!.Value.TotalSeconds, Is.EqualTo(120 + (3 * 3600)).Within(1e-3), "2 min before the capture, and the 3 h outage since");
        Assert.That(moves.SinceRaised!.Value.TotalHours, Is.EqualTo(10 + (2.0 / 60) + 3).Within(1e-6), "the 10 h exposure, the 2 min after it and the outage");
    }

    /// <summary>A world captured with its source up holds the dose delivered until the capture: the exposure the restored physics carries ended there.</summary>
    [Test]
    public async Task A_capture_with_the_source_up_dates_the_exposures_end_at_the_capture()
    {
        await using var before = Rig.Create(TestDuts.Plain);
        var (cell, _) = await before.OpenAsync(new FacilityGammaAdapterSimulator(before.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        await cell.SetDoseRateAsync(100.0 / 100 / 3600);
        await cell.SetSourceUpAsync(true);
        before.AdvanceHours(2);
        var state = before.Facility.CaptureState();
        var captured = before.Clock.GetUtcNow();

        await using var after = Rig.CreateAt(TestDuts.Plain, captured + TimeSpan.FromMinutes(10));
        var (restoredCell, _) = await after.OpenAsync(new FacilityGammaAdapterSimulator(after.Facility, "CO60-T", seed: 3, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        after.Facility.RestoreState(state);

        var moves = await restoredCell.ReadSourceMovesAsync();

        Assert.That(await restoredCell.IsSourceUpAsync(), Is.False, "a restored source is down until a step raises it");
        Assert.That(moves.SinceLowered!.Value.TotalMinutes, Is.EqualTo(10).Within(1e-6));
        Assert.That(moves.SinceRaised!.Value.TotalMinutes, Is.EqualTo(130).Within(1e-6));
    }

    [Test]
    public async Task A_restored_thermal_shock_chamber_has_its_zones_its_basket_and_its_loads_temperature_and_goes_on_from_them()
    {
        const double zeroCelsius = 273.15;
        await using var before = Rig.Create(TestDuts.Plain);
        var (chamber, _) = await before.OpenAsync(new FacilityShockChamberSimulator(before.Facility, "TSC-T", seed: 5), s => new FacilityShockChamber(s));
        await chamber.SetHotZoneSetpointAsync(zeroCelsius + 130);
        await chamber.SetColdZoneSetpointAsync(zeroCelsius - 60);
        before.AdvanceHours(2);
        before.Facility.LoadShockBasket(TimeSpan.FromMinutes(6));
        await chamber.MoveBasketAsync(ShockZone.Cold);
        before.AdvanceSeconds(120);
        var load = await chamber.MeasureLoadTemperatureAsync();
        var state = before.Facility.CaptureState();

        // A fresh world of the same bench, as a resumed run builds it: its zones at room temperature, its basket empty.
        await using var after = Rig.Create(TestDuts.Plain);
        var (restored, _) = await after.OpenAsync(new FacilityShockChamberSimulator(after.Facility, "TSC-T", seed: 5), s => new FacilityShockChamber(s));
        after.AdvanceHours(3);
        after.Facility.RestoreState(state);

        Assert.That(await restored.GetBasketPositionAsync(), Is.EqualTo(BasketPosition.Cold));
        Assert.That(await restored.MeasureZoneTemperatureAsync(ShockZone.Hot) - zeroCelsius, Is.EqualTo(130).Within(0.5), "the hot zone held, not back at room temperature");
        Assert.That(await restored.MeasureZoneTemperatureAsync(ShockZone.Cold) - zeroCelsius, Is.EqualTo(-60).Within(1));
        Assert.That(await restored.MeasureLoadTemperatureAsync(), Is.EqualTo(load).Within(0.5), "the load where it was: part way down, not at room temperature");
        Assert.That(after.Facility.CaptureState(), Is.EqualTo(state), "a capture of the restored world is the capture it came from");

        // The load's 6 min time constant came back with it: 6 min later it has closed the gap by 1/e, as it would have.
        after.AdvanceSeconds(360);
        before.AdvanceSeconds(360);
        Assert.That(await restored.MeasureLoadTemperatureAsync(), Is.EqualTo(await chamber.MeasureLoadTemperatureAsync()).Within(0.5));
    }

    [Test]
    public void A_capture_from_another_bench_is_refused_by_name()
    {
        var world = Rig.Create(TestDuts.Plain).Facility;
        var state = world.CaptureState().Replace("\"gammaCells\":[]", "\"gammaCells\":[{}]", StringComparison.Ordinal);

        Assert.That(() => world.RestoreState(state), Throws.TypeOf<InvalidDataException>().With.Message.Contains("GammaCellModel"));
    }

    /// <summary>
    /// Every field of the DUT model is either in the world checkpoint or left out of it with a reason
    /// (<see cref="SimulatedFacility.DutLeftOut"/>): a state added to the model is classified before a resume can lose it
    /// unnoticed, and no entry names a field the model no longer has.
    /// </summary>
    [Test]
    public void Every_field_of_the_DUT_model_is_captured_or_left_out_with_a_reason()
    {
        var fields = typeof(DutModel).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => f.Name.StartsWith('<') ? f.Name[1..f.Name.IndexOf('>', StringComparison.Ordinal)] : f.Name)
            .ToList();
        var classified = SimulatedFacility.DutQuantities.Concat(SimulatedFacility.DutLeftOut.Keys).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(fields.Except(classified), Is.Empty, "DUT model state neither captured nor left out with a reason");
            Assert.That(classified.Except(fields), Is.Empty, "classified names the DUT model does not have");
            Assert.That(SimulatedFacility.DutQuantities.Intersect(SimulatedFacility.DutLeftOut.Keys), Is.Empty, "both captured and left out");
            Assert.That(SimulatedFacility.DutLeftOut.Values, Has.All.Not.Empty);
        });
    }
}
