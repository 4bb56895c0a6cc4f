using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
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
public sealed class ParticleBeamSteps(BenchSession bench, ScenarioRecorder results, BeamRuns runs, DutRails rails)
{
    /// <summary>Says when every run of the scenario ends: at its fluence, or once every effect it counts reached the event count.</summary>
    [Given("each particle beam run ends at {fluence} or after {int} events, at a flux of {flux}")]
    [StepExample("Given each particle beam run ends at 1e7 ions/cm² or after 100 events, at a flux of 1e5 ions/cm²/s")]
    public void Plan(Fluence fluence, int events, Flux flux) => runs.Plan = new BeamRunPlan(fluence, events, flux);

    /// <summary>
    /// Sets every DUT rail's current limit a stated factor above the current it draws now (before irradiation), so that
    /// a latch-up on any rail runs it into its limit: the latch-up monitor's rail and the DUT supply's (the core rail)
    /// alike, as ESCC 25100 and JESD57 monitor every supply. A trip above the DUT profile's current limit for the rail is
    /// held at that limit (the part's own rating), and the report says so. During beam runs the bench then switches the
    /// latched rail off within the response time, the others after it, holds the DUT off and switches it on again.
    /// </summary>
    [Given("the latch-up monitor trips at {percentage} of the current before irradiation and power-cycles the DUT within {duration}, off for {duration}")]
    [StepExample("Given the latch-up monitor trips at 200 % of the current before irradiation and power-cycles the DUT within 50 ms, off for 200 ms")]
    [RequiresRole(BenchRoles.LatchupMonitor)]
    public async Task LatchupMonitor(Percentage trip, Duration response, Duration off)
    {
        var unwatched = bench.Dut.Rails.Keys.Where(r => rails.Sources.All(s => s.Rail != r)).ToList();
        if (unwatched.Count > 0)
        {
            throw new Bench.Definitions.BenchConfigurationException(bench.Definition.File, "$.roles",
                $"no role of the bench powers the DUT rail{(unwatched.Count > 1 ? "s" : "")} {string.Join(", ", unwatched.Select(r => $"'{r}'"))}: a latch-up test monitors every rail (ESCC 25100, JESD57); give each rail a supply or source-measure role.");
        }

        var watched = new List<RailWatch>();
        foreach (var source in rails.Sources)
        {
            var before = await source.MeasureCurrentAsync();
            var stated = before * trip.SiValue;
            var rating = bench.Dut.Rail(source.Rail).CurrentLimit.SiValue;
            var (limit, basis) = stated <= rating
                ? (stated, $"{trip} of the current before irradiation, stated by the scenario")
                : (rating, $"the current limit the DUT profile states for the {source.Rail} rail ({bench.Dut.Rail(source.Rail).CurrentLimit}), below {trip} of the current before irradiation");
            await source.SetCurrentLimitAsync(limit);
            var watch = new RailWatch(source.Rail, before, limit, basis);
            watched.Add(watch);
            // A rail already at its trip before irradiation (a part drawing its rated current limit when hot) cannot show
            // a latch-up: every reading would be one. The run is not done; the report says why.
            results.Measure($"{source.Rail} rail current before irradiation", new Quantity(before, Units.Ampere).ConvertTo(Units.Milliampere),
                Limit.Below(new Quantity(limit * RailWatch.AtTripFraction, Units.Ampere).ConvertTo(Units.Milliampere)), source.Role, source.Instrument,
                new Dictionary<string, Quantity> { ["latch-up trip current"] = new Quantity(limit, Units.Ampere).ConvertTo(Units.Milliampere) },
                LimitSources.Procedure($"the current before irradiation below the latch-up trip of the rail, {basis} (a rail at its trip before irradiation cannot show a latch-up)"));
        }

        runs.Watch = new LatchupWatch(watched, TimeSpan.FromSeconds(response.SiValue), TimeSpan.FromSeconds(off.SiValue));
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
