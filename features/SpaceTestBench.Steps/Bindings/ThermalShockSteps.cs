using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps for air-to-air thermal shock in a two-zone chamber (MIL-STD-883 TM 1010): the lot's worst-case load in the
/// basket, the zones held at their setpoints, the cycles, and the judgements of what the cycling measured — each
/// transfer's time, the time the load took to reach each extreme, its dwell there and its excursions beyond the
/// extreme's tolerance.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.ThermalShockChamber)]
public sealed class ThermalShockSteps(BenchSession bench, ScenarioRecorder results, ThermalShockCycling cycling)
{
    /// <summary>
    /// A fresh lot in the basket, its worst-case load characterised by its time constant in a zone's circulated air
    /// (τ = m·c/(h·A): the heavier the load, the longer). A simulated bench loads that load into its chamber's basket
    /// itself; on a real bench the operator has loaded the lot and the step records the stated characterisation.
    /// </summary>
    [Given("a fresh lot is loaded in the basket of the thermal shock chamber, its worst-case load following the zone air with a time constant of {duration}")]
    [StepExample("Given a fresh lot is loaded in the basket of the thermal shock chamber, its worst-case load following the zone air with a time constant of 3 min")]
    public void LoadLot(Duration timeConstant)
    {
        var role = bench.Role<IThermalShockChamber>(BenchRoles.ThermalShockChamber);
        bench.Simulation?.LoadShockBasket(TimeSpan.FromSeconds(timeConstant.SiValue));
        results.RecordEvent(BenchEventKind.Note, role.Name,
            $"Lot loaded in the basket{(bench.Simulation is null ? " by the operator" : " by the simulated facility")}; worst-case load time constant in the zone air {timeConstant}.",
            new Dictionary<string, Quantity> { ["worst-case load time constant"] = timeConstant.ConvertTo(Units.Minute) });
    }

    /// <summary>Programs the hot and cold zones' air setpoints and waits until both zones are within 2 K of them.</summary>
    [Given("the thermal shock chamber holds its hot zone at {temperature} and its cold zone at {temperature}")]
    [StepExample("Given the thermal shock chamber holds its hot zone at 130 °C and its cold zone at -60 °C")]
    public Task HoldZones(Temperature hot, Temperature cold) => cycling.HoldZonesAsync(hot.SiValue, cold.SiValue);

    /// <summary>Cycles the load cold then hot by moving the basket, dwelling at each extreme from when the load's thermocouple is there.</summary>
    [When("the thermal shock chamber cycles the load {int} times between {temperature} and {temperature}, dwelling {duration} at each extreme once the load is there")]
    [StepExample("When the thermal shock chamber cycles the load 10 times between -55 °C and 125 °C, dwelling 10 min at each extreme once the load is there")]
    public Task Cycle(int cycles, Temperature cold, Temperature hot, Duration dwell) =>
        cycling.RunAsync(cycles, cold.SiValue, hot.SiValue, TimeSpan.FromSeconds(dwell.SiValue));

    /// <summary>Judges every transfer: from the command until the basket reported itself in the other zone.</summary>
    [Then("every transfer of the basket took at most {duration}, a limit from {string}")]
    [StepExample("Then every transfer of the basket took at most 1 min, a limit from \"MIL-STD-883 TM 1010 (transfer time)\"")]
    public void Transfers(Duration longest, string source)
    {
        foreach (var t in Recorded(cycling.Transfers))
        {
            Measure("basket transfer time", new Quantity(t.TookSeconds, Units.Second), Limit.AtMost(longest.ConvertTo(Units.Second)), t.Arrived, t.Cycle, t.SpecifiedKelvin, source,
                ("basket position poll", new Quantity(ThermalShockCycling.TransferPoll.TotalSeconds, Units.Second)));
        }
    }

    /// <summary>Judges the time from each transfer command until the load's thermocouple was at the extreme (at or beyond it).</summary>
    [Then("the load reached each extreme within {duration} of its transfer, a limit from {string}")]
    [StepExample("Then the load reached each extreme within 15 min of its transfer, a limit from \"MIL-STD-883 TM 1010 (load at temperature)\"")]
    public void Reach(Duration within, string source)
    {
        foreach (var t in Recorded(cycling.Transfers))
        {
            Measure("time for the load to reach the extreme", new Quantity(t.ReachSeconds / 60, Units.Minute), Limit.AtMost(within.ConvertTo(Units.Minute)), t.Reached, t.Cycle, t.SpecifiedKelvin, source,
                ("load reading interval", new Quantity(ThermalShockCycling.ReachPoll.TotalSeconds, Units.Second)));
        }
    }

    /// <summary>Judges each dwell: how long the load stayed at the extreme (from reaching it until a reading fell back, or the basket left).</summary>
    [Then("the load dwelt at least {duration} at each extreme, a limit from {string}")]
    [StepExample("Then the load dwelt at least 10 min at each extreme, a limit from \"MIL-STD-883 TM 1010 (dwell)\"")]
    public void Dwell(Duration shortest, string source)
    {
        foreach (var d in Recorded(cycling.Dwells))
        {
            Measure("dwell with the load at the extreme", new Quantity(d.AtTemperatureSeconds / 60, Units.Minute), Limit.AtLeast(shortest.ConvertTo(Units.Minute)), d.Ended, d.Cycle, d.SpecifiedKelvin, source,
                ("load reading interval", new Quantity(ThermalShockCycling.DwellPoll.TotalSeconds, Units.Second)));
        }
    }

    /// <summary>
    /// Judges the load's excursions during each dwell against the extreme's one-sided tolerance (TM 1010: +10/−0 °C hot,
    /// −10/+0 °C cold): at the hot extreme its highest reading at most the extreme plus the hot tolerance and its lowest
    /// not below the extreme; at the cold extreme mirrored.
    /// </summary>
    [Then("the load stayed within {temperature} above the hot extreme and {temperature} below the cold extreme while dwelling, a limit from {string}")]
    [StepExample("Then the load stayed within 10 K above the hot extreme and 10 K below the cold extreme while dwelling, a limit from \"MIL-STD-883 TM 1010 (tolerances)\"")]
    public void Tolerances(Temperature hotTolerance, Temperature coldTolerance, string source)
    {
        var (above, below) = (Difference(hotTolerance), Difference(coldTolerance));
        foreach (var d in Recorded(cycling.Dwells))
        {
            var (highest, lowest) = (d.Kelvin.Max(), d.Kelvin.Min());
            var (upper, lower) = d.Zone == ShockZone.Hot ? (d.SpecifiedKelvin + above, d.SpecifiedKelvin) : (d.SpecifiedKelvin, d.SpecifiedKelvin - below);
            Measure("highest load temperature while dwelling", Quantity.FromSi(highest, Units.DegreeCelsius), Limit.AtMost(Quantity.FromSi(upper, Units.DegreeCelsius)), d.Ended, d.Cycle, d.SpecifiedKelvin, source);
            Measure("lowest load temperature while dwelling", Quantity.FromSi(lowest, Units.DegreeCelsius), Limit.AtLeast(Quantity.FromSi(lower, Units.DegreeCelsius)), d.Ended, d.Cycle, d.SpecifiedKelvin, source);
        }
    }

    // Each measurement carries the bench time it was measured at (the cycling ran in the When step), not this Then step's.
    private void Measure(string name, Quantity value, Limit limit, DateTimeOffset measuredAt, int cycle, double extreme, string source, params (string Name, Quantity Value)[] more)
    {
        var role = bench.Role<IThermalShockChamber>(BenchRoles.ThermalShockChamber);
        var conditions = new Dictionary<string, Quantity>
        {
            ["cycle"] = new(cycle, Units.One),
            ["specified load temperature"] = Quantity.FromSi(extreme, Units.DegreeCelsius),
        };
        foreach (var (key, quantity) in more)
        {
            conditions[key] = quantity;
        }

        results.Measure(name, value, limit, role.Name, role.InstrumentLabel, conditions, LimitSources.DecisionIfStated(source), measuredAt);
    }

    private static List<T> Recorded<T>(List<T> items) =>
        items.Count > 0 ? items : throw new InvalidOperationException("No thermal shock cycle was run in this scenario: there is nothing to judge.");

    private static double Difference(Quantity temperature) => Math.Abs(temperature.Value * temperature.Unit.Scale);
}
