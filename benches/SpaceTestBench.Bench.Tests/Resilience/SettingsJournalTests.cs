using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Bench.Tests.Resilience;

/// <summary>
/// The journal a resumed run replays is in an order the instruments accept: a selection comes before what was set
/// under it, and what was set under an earlier selection is not replayed (issue 15: 'BEAM:ENER 200' for protons
/// replayed after a cocktail ion was selected was refused with -221 and crashed every later resume).
/// </summary>
public class SettingsJournalTests
{
    private static readonly System.Reflection.MethodInfo Select = typeof(IParticleBeam).GetMethod(nameof(IParticleBeam.SelectSpeciesAsync))!;
    private static readonly System.Reflection.MethodInfo Energy = typeof(IParticleBeam).GetMethod(nameof(IParticleBeam.SetEnergyAsync))!;
    private static readonly System.Reflection.MethodInfo Tilt = typeof(IParticleBeam).GetMethod(nameof(IParticleBeam.SetTiltAsync))!;

    [Test]
    public void A_new_species_forgets_the_energy_set_for_the_previous_one()
    {
        var journal = new SettingsJournal();
        journal.Record("beam", Select, ["PROTON", CancellationToken.None]);
        journal.Record("beam", Energy, [200e6 * 1.602176634e-19, CancellationToken.None]);
        journal.Record("supply", typeof(IDcPowerSupply).GetMethod(nameof(IDcPowerSupply.SetVoltageAsync))!, [1, 1.8, CancellationToken.None]);
        journal.Record("beam", Select, ["XE", CancellationToken.None]);
        journal.Record("beam", Tilt, [0.5, CancellationToken.None]);

        Assert.That(journal.Entries.Select(e => $"{e.Role}.{e.Operation}"), Is.EqualTo(new[] { "supply.SetVoltageAsync", "beam.SelectSpeciesAsync", "beam.SetTiltAsync" }));
        Assert.That(journal.Entries[1].Arguments[0].GetString(), Is.EqualTo("XE"));
    }

    [Test]
    public void Selecting_the_same_species_again_replays_it_before_the_energy_set_after_it()
    {
        var journal = new SettingsJournal();
        journal.Record("beam", Select, ["PROTON", CancellationToken.None]);
        journal.Record("beam", Energy, [1e-11, CancellationToken.None]);
        journal.Record("beam", Select, ["PROTON", CancellationToken.None]);
        journal.Record("beam", Energy, [3.2e-11, CancellationToken.None]);

        Assert.That(journal.Entries.Select(e => e.Operation), Is.EqualTo(new[] { "SelectSpeciesAsync", "SetEnergyAsync" }));
        Assert.That(journal.Entries[1].Arguments[0].GetDouble(), Is.EqualTo(3.2e-11));
    }
}
