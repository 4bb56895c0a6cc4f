using Reqnroll;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace VendorSuite.Steps;

/// <summary>
/// The vendor's own step: the board's total power budget, a figure of its datasheet that the facility's
/// catalog has no step for. It takes the catalog's objects (the DUT rails, the scenario's recorder) and
/// its <c>{power}</c> parameter type, and records a measurement the engine judges like any other.
/// </summary>
[Binding]
public sealed class BoardPowerSteps(DutRails rails, ScenarioRecorder results)
{
    /// <summary>Measures every rail's voltage and current and judges their summed power against the budget.</summary>
    [Then("the board draws at most {power} in total")]
    public async Task TotalPowerAtMost(Power budget)
    {
        var watts = 0.0;
        var conditions = new Dictionary<string, Quantity>();
        foreach (var source in rails.Sources)
        {
            var volts = await source.MeasureVoltageAsync();
            var amperes = await source.MeasureCurrentAsync();
            watts += volts * amperes;
            conditions[$"{source.Rail} rail voltage"] = new Quantity(volts, Units.Volt);
            conditions[$"{source.Rail} rail current"] = new Quantity(amperes, Units.Ampere);
        }

        results.Measure("board total power (Σ V·I over the DUT rails)", new Quantity(watts, Units.Watt), Limit.AtMost(budget), conditions: conditions);
    }
}
