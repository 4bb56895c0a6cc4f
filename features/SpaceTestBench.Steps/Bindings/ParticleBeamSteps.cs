using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps for the particle beam: heavy-ion runs per LET and tilt and proton runs per energy, each ending at
/// its fluence or its event count (JESD57, ESCC 25100, ASTM F1192), with functional interrupts
/// recovered and latch-ups power-cycled by the latch-up monitor while the beam is closed.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.ParticleBeam)]
[RequiresRole(BenchRoles.DutSupply)]
[RequiresRole(BenchRoles.Dut)]
public sealed class ParticleBeamSteps(BenchSession bench, ScenarioRecorder results, BeamRuns runs)
{
    /// <summary>Says when every run of the scenario ends: at its fluence, or once every effect it counts reached the event count.</summary>
    [Given("each particle beam run ends at {fluence} or after {int} events, at a flux of {flux}")]
    [StepExample("Given each particle beam run ends at 1e7 ions/cm² or after 100 events, at a flux of 1e5 ions/cm²/s")]
    public void Plan(Fluence fluence, int events, Flux flux) => runs.Plan = new BeamRunPlan(fluence, events, flux);

    /// <summary>
    /// Sets the latch-up monitor's current limit a stated factor above the current its rail draws now (before
    /// irradiation), so that a latch-up runs the rail into it; during beam runs the bench then switches the rail
    /// off within the response time, holds it off and switches it on again.
    /// </summary>
    [Given("the latch-up monitor trips at {percentage} of the current before irradiation and power-cycles the DUT within {duration}, off for {duration}")]
    [StepExample("Given the latch-up monitor trips at 200 % of the current before irradiation and power-cycles the DUT within 50 ms, off for 200 ms")]
    [RequiresRole(BenchRoles.LatchupMonitor)]
    public async Task LatchupMonitor(Percentage trip, Duration response, Duration off)
    {
        var monitor = bench.Role<ILatchupMonitor>(BenchRoles.LatchupMonitor);
        var before = await monitor.Instrument.MeasureCurrentAsync();
        var limit = before * trip.SiValue;
        await monitor.Instrument.SetCurrentLimitAsync(limit);
        runs.Watch = new LatchupWatch(limit, TimeSpan.FromSeconds(response.SiValue), TimeSpan.FromSeconds(off.SiValue)) { BaselineAmperes = before };
        results.Measure($"{monitor.Rail} rail current before irradiation", new Quantity(before, Units.Ampere).ConvertTo(Units.Milliampere), null, monitor.Name, monitor.InstrumentLabel,
            new Dictionary<string, Quantity> { ["latch-up trip current"] = new Quantity(limit, Units.Ampere).ConvertTo(Units.Milliampere) });
    }

    /// <summary>One heavy-ion run with the facility's ion nearest the LET (within 10 %), the DUT tilted, counting the effects.</summary>
    [When("the particle beam irradiates the DUT with ions of LET {LET} at {angle}, counting {effects}")]
    [StepExample("When the particle beam irradiates the DUT with ions of LET 62.5 MeV·cm²/mg at 0°, counting functional interrupts")]
    public Task HeavyIon(LinearEnergyTransfer let, Angle tilt, IReadOnlyList<SingleEventEffect> effects) => runs.RunHeavyIonAsync(let, tilt, effects);

    /// <summary>One heavy-ion run per row of the table (columns LET and tilt), in order, counting the effects.</summary>
    [When("the particle beam irradiates the DUT at each LET and tilt of the table, counting {effects}:")]
    [StepExample("When the particle beam irradiates the DUT at each LET and tilt of the table, counting upsets:")]
    public async Task HeavyIonTable(IReadOnlyList<SingleEventEffect> effects, IonRunTable table)
    {
        foreach (var (let, tilt) in table.Runs)
        {
            await runs.RunHeavyIonAsync(let, tilt, effects);
        }
    }

    /// <summary>One proton run at the energy, at normal incidence, counting the effects.</summary>
    [When("the particle beam irradiates the DUT with {energy} protons, counting {effects}")]
    [StepExample("When the particle beam irradiates the DUT with 200 MeV protons, counting upsets and functional interrupts")]
    public Task Protons(ParticleEnergy energy, IReadOnlyList<SingleEventEffect> effects) => runs.RunProtonAsync(energy, effects);
}
