using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps that power the DUT as a whole: every rail a bench role powers (the DUT supply's and, when the
/// bench has one, the latch-up monitor's), each with the current limit of its DUT profile, and checks on
/// every rail against the setting and the profile's limits.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.DutSupply)]
[RequiresRole(BenchRoles.LatchupMonitor, Optional = true)]
[RequiresRole(BenchRoles.Dut)]
public sealed class DutPowerSteps(DutRails rails, ScenarioRecorder results)
{
    /// <summary>Powers every rail at its nominal voltage and waits until the DUT has booted.</summary>
    [Given("the DUT is powered at its nominal supply voltages")]
    [When("the DUT is powered at its nominal supply voltages")]
    [StepExample("Given the DUT is powered at its nominal supply voltages")]
    public Task PowerNominal() => rails.PowerAsync(rail => rail.NominalVoltage);

    /// <summary>Powers every rail at the maximum rated voltage of its DUT profile (worst case for latch-up) and waits for boot.</summary>
    [Given("the DUT is powered at its maximum rated supply voltages")]
    [StepExample("Given the DUT is powered at its maximum rated supply voltages")]
    public Task PowerMaximum() => rails.PowerAsync(rail => rail.MaximumVoltage ?? throw new Bench.Definitions.BenchConfigurationException(
        rails.Dut.File, $"$.supplies.{rail.Name}.maximumVoltage", $"the DUT profile gives no maximum rated voltage for the rail '{rail.Name}'; add one."));

    /// <summary>Powers every rail at a fraction of its nominal voltage ("95 %") and waits for boot.</summary>
    [Given("the DUT is powered at {percentage} of its nominal supply voltages")]
    [When("the DUT is powered at {percentage} of its nominal supply voltages")]
    [StepExample("Given the DUT is powered at 95 % of its nominal supply voltages")]
    public Task PowerFraction(Percentage fraction) => rails.PowerAsync(rail => Quantity.FromSi(rail.NominalVoltage.SiValue * fraction.SiValue, Units.Volt));

    /// <summary>Switches every rail off.</summary>
    [Given("the DUT is powered off")]
    [When("the DUT is powered off")]
    [StepExample("Given the DUT is powered off")]
    public Task PowerOff() => rails.OffAsync();

    /// <summary>Measures every rail's voltage against its setting with a relative tolerance: a rail in current limit is out of regulation.</summary>
    [Then("every DUT rail is within {percentage} of its setting")]
    [StepExample("Then every DUT rail is within 1 % of its setting")]
    public Task RailsRegulated(Percentage tolerance) => RailsRegulatedFrom(tolerance, null);

    /// <summary>Measures every rail's voltage as <see cref="RailsRegulated"/> does, the report naming where the tolerance comes from.</summary>
    [Then("every DUT rail is within {percentage} of its setting, a limit from {string}")]
    [StepExample("Then every DUT rail is within 1 % of its setting, a limit from \"the procedure's regulation criterion\"")]
    public Task RailsRegulatedWithSource(Percentage tolerance, string source) => RailsRegulatedFrom(tolerance, source);

    private async Task RailsRegulatedFrom(Percentage tolerance, string? limitSource)
    {
        var recorded = new List<MeasurementRecorded>();
        foreach (var source in rails.Sources)
        {
            var setting = rails.Setting(source.Rail) ?? throw new InvalidOperationException($"The {source.Rail} rail has not been set in this scenario.");
            var volts = new Quantity(await source.MeasureVoltageAsync(), Units.Volt);
            recorded.Add(results.Measure(
                $"{source.Rail} rail voltage", volts, Limit.Within(setting, Quantity.FromSi(setting.SiValue * tolerance.SiValue, Units.Volt)),
                source.Role, source.Instrument, new Dictionary<string, Quantity> { [$"{source.Rail} rail voltage setting"] = setting }, LimitSources.DecisionIfStated(limitSource)));
        }

    }

    /// <summary>Measures every rail's current against the supply-current limits its DUT profile gives.</summary>
    [Then("every DUT rail draws a current within the DUT profile limits")]
    [StepExample("Then every DUT rail draws a current within the DUT profile limits")]
    public async Task RailCurrentsWithinProfile()
    {
        var recorded = new List<MeasurementRecorded>();
        foreach (var source in rails.Sources)
        {
            recorded.Add(await MeasureRailCurrentAsync(rails, results, source, rails.Dut.Rail(source.Rail).SupplyCurrent, limitSource: LimitSources.SupplyCurrent(rails.Dut, source.Rail)));
        }

    }

    /// <summary>
    /// Records one rail's current (in mA) against <paramref name="limit"/>, with the rail's voltage and setting as
    /// conditions, and the limit's source (<see cref="LimitSources"/>) in its decision when given.
    /// </summary>
    internal static async Task<MeasurementRecorded> MeasureRailCurrentAsync(DutRails rails, ScenarioRecorder results, RailSource source, Limit? limit, string? name = null, string? limitSource = null)
    {
        var volts = await source.MeasureVoltageAsync();
        var amperes = await source.MeasureCurrentAsync();
        var conditions = new Dictionary<string, Quantity> { [$"{source.Rail} rail voltage"] = new(volts, Units.Volt) };
        if (rails.Setting(source.Rail) is { } setting)
        {
            conditions[$"{source.Rail} rail voltage setting"] = setting;
        }

        return results.Measure(name ?? $"{source.Rail} supply current", new Quantity(amperes, Units.Ampere).ConvertTo(Units.Milliampere), limit, source.Role, source.Instrument, conditions,
            limitSource is null ? null : LimitSources.Decision(limitSource));
    }

    /// <summary>The rail the DUT profile's total-dose section names as the one whose leakage rises with dose, else the DUT supply's.</summary>
    internal static string LeakageRail(DutProfile dut, DutRails rails) => dut.Physics?.TotalDose?.LeakageRail ?? rails.Sources[0].Rail;
}
