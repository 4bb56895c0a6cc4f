using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps for the DUT supply role: program it, switch it, and measure its output against limits given in
/// the step or in the DUT profile. Every check records a measurement with its limit; the verdict comes
/// from the limit.
/// </summary>
[Binding]
public sealed class DutSupplySteps(BenchSession bench, ScenarioRecorder results)
{
    /// <summary>The role name feature files use.</summary>
    public const string Role = "DUT supply";

    private Quantity? _setting;

    private BenchRole<IDcPowerSupply> Supply => bench.Role<IDcPowerSupply>(Role);

    private SupplyRail Rail => bench.Dut.Rail(Supply.Rail ?? throw new Bench.Definitions.BenchConfigurationException(
        bench.Definition.File, $"$.roles['{Role}'].rail", "the DUT supply role must name the DUT rail it powers."));

    /// <summary>Switches the output off.</summary>
    [Given("the DUT supply output is off")]
    [When("the DUT supply output is switched off")]
    public Task OutputOff() => Supply.Instrument.SetOutputAsync(Supply.Channel, false);

    /// <summary>Switches the output on.</summary>
    [When("the DUT supply output is switched on")]
    public Task OutputOn() => Supply.Instrument.SetOutputAsync(Supply.Channel, true);

    /// <summary>Programs the protective current limit the DUT profile gives for the rail.</summary>
    [Given("the DUT supply current limit is set from the DUT profile")]
    public Task CurrentLimitFromProfile() => Supply.Instrument.SetCurrentLimitAsync(Supply.Channel, Rail.CurrentLimit.SiValue);

    /// <summary>Programs a current limit.</summary>
    [Given("the DUT supply current limit is set to {quantity}")]
    public Task CurrentLimit(Quantity limit) =>
        Supply.Instrument.SetCurrentLimitAsync(Supply.Channel, StepQuantities.Require(limit, Dimension.CurrentDim, "The current limit").SiValue);

    /// <summary>Programs a fraction of the rail's nominal voltage ("95 %").</summary>
    [Given("the DUT supply is set to {quantity} of the nominal voltage")]
    [When("the DUT supply is set to {quantity} of the nominal voltage")]
    public Task FractionOfNominal(Quantity fraction)
    {
        StepQuantities.Require(fraction, Dimension.None, "The fraction of nominal voltage");
        return Program(Quantity.FromSi(Rail.NominalVoltage.SiValue * fraction.SiValue, Units.Volt));
    }

    /// <summary>Programs an absolute voltage.</summary>
    [Given("the DUT supply is set to {quantity}")]
    [When("the DUT supply is set to {quantity}")]
    public Task Voltage(Quantity volts) => Program(StepQuantities.Require(volts, Dimension.Voltage, "The supply voltage"));

    /// <summary>Measures the output voltage and checks it against the setting with a tolerance (% or V).</summary>
    [Then("the DUT supply voltage is within {quantity} of the setting")]
    public async Task VoltageWithinSetting(Quantity tolerance)
    {
        var setting = _setting ?? throw new InvalidOperationException("No DUT supply voltage has been set in this scenario.");
        var absolute = tolerance.Dimension == Dimension.None
            ? Quantity.FromSi(setting.SiValue * tolerance.SiValue, Units.Volt)
            : StepQuantities.Require(tolerance, Dimension.Voltage, "The voltage tolerance");
        var measured = await Supply.Instrument.MeasureVoltageAsync(Supply.Channel);
        Check(results.Measure(
            "DUT supply voltage", new Quantity(measured, Units.Volt), Limit.Within(setting, absolute), Role, Supply.InstrumentLabel,
            new Dictionary<string, Quantity> { ["DUT supply voltage setting"] = setting }));
    }

    /// <summary>Measures the supply current and checks it against the DUT profile's limits for the rail.</summary>
    [Then("the DUT supply current is within the DUT profile limits")]
    public Task CurrentWithinProfile() => MeasureCurrent(Rail.SupplyCurrent);

    /// <summary>Measures the supply current and checks it against limits given in the step.</summary>
    [Then("the DUT supply current is between {quantity} and {quantity}")]
    public Task CurrentBetween(Quantity low, Quantity high) => MeasureCurrent(Limit.Between(
        StepQuantities.Require(low, Dimension.CurrentDim, "The lower current limit"),
        StepQuantities.Require(high, Dimension.CurrentDim, "The upper current limit")));

    private async Task Program(Quantity volts)
    {
        await Supply.Instrument.SetVoltageAsync(Supply.Channel, volts.SiValue);
        _setting = volts;
    }

    private async Task MeasureCurrent(Limit limit)
    {
        var volts = await Supply.Instrument.MeasureVoltageAsync(Supply.Channel);
        var amperes = await Supply.Instrument.MeasureCurrentAsync(Supply.Channel);
        var conditions = new Dictionary<string, Quantity> { ["DUT supply voltage"] = new(volts, Units.Volt) };
        if (_setting is { } setting)
        {
            conditions["DUT supply voltage setting"] = setting;
        }

        Check(results.Measure(
            "DUT supply current", new Quantity(amperes, Units.Ampere).ConvertTo(Units.Milliampere), limit, Role, Supply.InstrumentLabel, conditions));
    }

    private static void Check(MeasurementRecorded measurement)
    {
        if (measurement.Verdict == Verdict.Fail)
        {
            throw new LimitViolationException(measurement);
        }
    }
}
