using SpaceTestBench.Instruments.Facility;
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

    [Test]
    public void A_capture_from_another_bench_is_refused_by_name()
    {
        var world = Rig.Create(TestDuts.Plain).Facility;
        var state = world.CaptureState().Replace("\"gammaCells\":[]", "\"gammaCells\":[{}]", StringComparison.Ordinal);

        Assert.That(() => world.RestoreState(state), Throws.TypeOf<InvalidDataException>().With.Message.Contains("GammaCellModel"));
    }
}
