using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps for the DUT supply role on its own rail: program it, switch it, measure its output against limits
/// given in the step or in the DUT profile, its over-current protection, and the inrush it delivers at
/// switch-on. Every check records a measurement with its limit; the verdict comes from the limit.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.DutSupply)]
public sealed partial class DutSupplySteps(BenchSession bench, ScenarioRecorder results, DutRails rails, LatchedStates latched) : IReestablishOnResume
{
    /// <summary>
    /// A resumed scenario whose DUT supply a completed step had switched on: the safe state switched it off and the
    /// settings restore on again, so a later step's boot time counts from that switch-on, not the one before the cut.
    /// A switch-on marks the DUT's boot under way (<see cref="DutRails.LeftBooting"/>) until a step sees it up, so the
    /// resume leaves that boot to the step that times it rather than waiting for it on its own coarser poll.
    /// </summary>
    public Task ReestablishAsync(DateTimeOffset settingsRestoredAt, CancellationToken cancellationToken)
    {
        if (_switchedOn is not null)
        {
            _switchedOn = settingsRestoredAt;
        }

        return Task.CompletedTask;
    }

    /// <summary>The role name feature files use.</summary>
    public const string Role = BenchRoles.DutSupply;

    private const string CurrentSeries = WellKnownSeries.DutSupplyCurrent;
    private List<(TimeSpan At, double Amperes)> _inrush = [];
    private DateTimeOffset? _switchedOn;
    private double? _currentBeforeOverload;
    private bool _protectionArmed;

    private BenchRole<IDcPowerSupply> Supply => bench.Role<IDcPowerSupply>(Role);

    private RailSource Source => rails.Sources[0];

    private SupplyRail Rail => bench.Dut.Rail(Source.Rail);

    /// <summary>Switches the output off.</summary>
    [Given("the DUT supply output is off")]
    [When("the DUT supply output is switched off")]
    [StepExample("Given the DUT supply output is off")]
    [StepExample("When the DUT supply output is switched off")]
    public Task OutputOff() => Supply.Instrument.SetOutputAsync(Supply.Channel, false);

    /// <summary>Switches the output on.</summary>
    [When("the DUT supply output is switched on")]
    [StepExample("When the DUT supply output is switched on")]
    public async Task OutputOn()
    {
        await Supply.Instrument.SetOutputAsync(Supply.Channel, true);
        _switchedOn = bench.Clock.GetUtcNow();
        rails.BootStarted();
    }

    /// <summary>Programs the protective current limit the DUT profile gives for the rail.</summary>
    [Given("the DUT supply current limit is set from the DUT profile")]
    [StepExample("Given the DUT supply current limit is set from the DUT profile")]
    public Task CurrentLimitFromProfile() => Supply.Instrument.SetCurrentLimitAsync(Supply.Channel, Rail.CurrentLimit.SiValue);

    /// <summary>Programs a current limit.</summary>
    [Given("the DUT supply current limit is set to {current}")]
    [StepExample("Given the DUT supply current limit is set to 500 mA")]
    public Task CurrentLimit(Current limit) => Supply.Instrument.SetCurrentLimitAsync(Supply.Channel, limit.SiValue);

    /// <summary>Programs a fraction of the rail's nominal voltage ("95 %").</summary>
    [Given("the DUT supply is set to {percentage} of the nominal voltage")]
    [When("the DUT supply is set to {percentage} of the nominal voltage")]
    [StepExample("When the DUT supply is set to 105 % of the nominal voltage")]
    public Task FractionOfNominal(Percentage fraction) =>
        rails.ProgramAsync(Source.Rail, Quantity.FromSi(Rail.NominalVoltage.SiValue * fraction.SiValue, Units.Volt));

    /// <summary>Programs an absolute voltage.</summary>
    [Given("the DUT supply is set to {voltage}")]
    [When("the DUT supply is set to {voltage}")]
    [StepExample("Given the DUT supply is set to 1.8 V")]
    public Task Voltage(Voltage volts) => rails.ProgramAsync(Source.Rail, volts);

    /// <summary>Measures the output voltage and checks it against the setting with a relative tolerance ("1 %").</summary>
    [Then("the DUT supply voltage is within {percentage} of the setting")]
    [StepExample("Then the DUT supply voltage is within 1 % of the setting")]
    public Task VoltageWithinSetting(Percentage tolerance) => VoltageWithinSettingFrom(tolerance, null);

    /// <summary>Checks the output voltage as <see cref="VoltageWithinSetting"/> does, the report naming where the tolerance comes from.</summary>
    [Then("the DUT supply voltage is within {percentage} of the setting, a limit from {string}")]
    [StepExample("Then the DUT supply voltage is within 1 % of the setting, a limit from \"the rail tolerance of the ICD\"")]
    public Task VoltageWithinSettingWithSource(Percentage tolerance, string source) => VoltageWithinSettingFrom(tolerance, source);

    private async Task VoltageWithinSettingFrom(Percentage tolerance, string? source)
    {
        var setting = rails.Setting(Source.Rail) ?? throw new InvalidOperationException("No DUT supply voltage has been set in this scenario.");
        var measured = await Supply.Instrument.MeasureVoltageAsync(Supply.Channel);
        results.Measure(
            "DUT supply voltage", new Quantity(measured, Units.Volt), Limit.Within(setting, Quantity.FromSi(setting.SiValue * tolerance.SiValue, Units.Volt)),
            Role, Supply.InstrumentLabel, new Dictionary<string, Quantity> { ["DUT supply voltage setting"] = setting }, LimitSources.DecisionIfStated(source));
    }

    /// <summary>Measures the supply current and checks it against the DUT profile's limits for the rail.</summary>
    [Then("the DUT supply current is within the DUT profile limits")]
    [StepExample("Then the DUT supply current is within the DUT profile limits")]
    public async Task CurrentWithinProfile() =>
        await DutPowerSteps.MeasureRailCurrentAsync(rails, results, Source, Rail.SupplyCurrent, "DUT supply current", LimitSources.SupplyCurrent(rails.Dut, Source.Rail));

    /// <summary>Measures the supply current and checks it against limits given in the step.</summary>
    [Then("the DUT supply current is between {current} and {current}")]
    [StepExample("Then the DUT supply current is between 150 mA and 450 mA")]
    public async Task CurrentBetween(Current low, Current high) =>
        await DutPowerSteps.MeasureRailCurrentAsync(rails, results, Source, Limit.Between(low, high), "DUT supply current");

    /// <summary>Powers every rail but the DUT supply's at its nominal voltage (the DUT stays off until the DUT supply's rail comes up too).</summary>
    [Given("the DUT's other rails are powered at their nominal voltages")]
    [StepExample("Given the DUT's other rails are powered at their nominal voltages")]
    [RequiresRole(BenchRoles.LatchupMonitor, Optional = true)]
    public async Task OtherRails()
    {
        foreach (var other in rails.Sources.Skip(1))
        {
            await rails.ProgramAsync(other.Rail, bench.Dut.Rail(other.Rail).NominalVoltage);
            await other.SetOutputAsync(true);
        }
    }

    /// <summary>
    /// Makes the DUT supply behave as a latching current limiter (ECSS-E-ST-20-20C): it limits at the DUT
    /// profile's current limit for the rail and trips off once it has been in the limit for the trip-off time.
    /// </summary>
    [Given("the DUT supply limits at the DUT profile's current limit and trips after {duration} in the limit")]
    [StepExample("Given the DUT supply limits at the DUT profile's current limit and trips after 2 ms in the limit")]
    public async Task LatchingCurrentLimiter(Duration tripOff)
    {
        await Supply.Instrument.ClearProtectionAsync(Supply.Channel);
        await Supply.Instrument.SetCurrentLimitAsync(Supply.Channel, Rail.CurrentLimit.SiValue);
        await Supply.Instrument.SetOverCurrentProtectionDelayAsync(Supply.Channel, tripOff.SiValue);
        _protectionArmed = true;
        await Supply.Instrument.SetOverCurrentProtectionAsync(Supply.Channel, true);
    }

    /// <summary>
    /// Switches the DUT supply on at the rail's nominal voltage and samples its current every interval for
    /// the stated time, recorded as the "DUT supply current" trace. On a real bench the supply's own query
    /// time bounds how fast it can sample; every sample is stamped with the bench time it was taken.
    /// </summary>
    [When("the DUT supply is switched on at the nominal voltage, its current sampled every {duration} for {duration}")]
    [StepExample("When the DUT supply is switched on at the nominal voltage, its current sampled every 100 µs for 20 ms")]
    public async Task SwitchOnSampling(Duration interval, Duration span)
    {
        await rails.ProgramAsync(Source.Rail, Rail.NominalVoltage);
        var trace = results.StartTimeSeries(CurrentSeries, Units.Ampere, Role, Supply.InstrumentLabel);
        var step = TimeSpan.FromSeconds(interval.SiValue);
        var end = TimeSpan.FromSeconds(span.SiValue);
        await Supply.Instrument.SetOutputAsync(Supply.Channel, true);
        var on = bench.Clock.GetUtcNow();
        _switchedOn = on;
        rails.BootStarted();
        _inrush = [];
        for (var at = TimeSpan.Zero; at <= end; at += step)
        {
            var amperes = await Supply.Instrument.MeasureCurrentAsync(Supply.Channel);
            var now = bench.Clock.GetUtcNow();
            _inrush.Add((now - on, amperes));
            trace.AppendAt(now, new Quantity(amperes, Units.Ampere));
            await bench.WaitAsync(step);
        }
    }

    /// <summary>
    /// Judges the sampled inrush: how long the supply stayed in its current limit (the samples at 98 % of it
    /// or more) against the stated time; records the peak.
    /// </summary>
    [Then("the inrush stays in the current limit for at most {duration}")]
    [StepExample("Then the inrush stays in the current limit for at most 2 ms")]
    public void InrushDuration(Duration longest) => InrushDurationFrom(longest, null);

    /// <summary>Judges the sampled inrush as <see cref="InrushDuration"/> does, the report naming where the limit comes from.</summary>
    [Then("the inrush stays in the current limit for at most {duration}, a limit from {string}")]
    [StepExample("Then the inrush stays in the current limit for at most 2 ms, a limit from \"the trip-off time of the bus's latching current limiter\"")]
    public void InrushDurationWithSource(Duration longest, string source) => InrushDurationFrom(longest, source);

    private void InrushDurationFrom(Duration longest, string? source)
    {
        if (_inrush.Count == 0)
        {
            throw new InvalidOperationException("No inrush was sampled in this scenario; switch the DUT supply on while sampling first.");
        }

        var limit = Rail.CurrentLimit;
        var inLimit = _inrush.Where(s => s.Amperes >= 0.98 * limit.SiValue).Select(s => s.At).DefaultIfEmpty(TimeSpan.Zero).Max();
        var peak = _inrush.Max(s => s.Amperes);
        // The peak is the limit whenever the inrush reaches it (a current-limited source cannot exceed it):
        // recorded for the report; the time spent there is what a limiter's trip-off judges.
        results.Measure("peak inrush current", new Quantity(peak, Units.Ampere), null, Role, Supply.InstrumentLabel,
            new Dictionary<string, Quantity> { ["current limit"] = limit });
        results.Measure("inrush time in current limit", new Quantity(inLimit.TotalMilliseconds, Units.Millisecond), Limit.AtMost(longest.ConvertTo(Units.Millisecond)),
            Role, Supply.InstrumentLabel, new Dictionary<string, Quantity> { ["current limit"] = limit }, LimitSources.DecisionIfStated(source));
    }

    /// <summary>Reads whether the DUT supply's protections tripped: a trip fails the step.</summary>
    [Then("the DUT supply has not tripped")]
    [StepExample("Then the DUT supply has not tripped")]
    public async Task NotTripped()
    {
        var tripped = await Supply.Instrument.GetTrippedProtectionAsync(Supply.Channel);
        if (tripped != SupplyProtection.None)
        {
            results.RecordEvent(BenchEventKind.InterlockTrip, Role, $"The DUT supply's {tripped} protection tripped.");
        }

        results.Measure("DUT supply protection trips", new Quantity(tripped == SupplyProtection.None ? 0 : 1, Units.One), Limit.AtMost(new Quantity(0, Units.One)),
            Role, Supply.InstrumentLabel, null, LimitSources.Procedure("the DUT supply's protection does not trip, as the step says"));
    }

    /// <summary>Waits for the DUT to boot after the DUT supply came on, and judges the time against the limit.</summary>
    [Then("the DUT boots within {duration} of the DUT supply switching on")]
    [StepExample("Then the DUT boots within 5 s of the DUT supply switching on")]
    [RequiresRole(BenchRoles.Dut)]
    public Task BootsWithin(Duration longest) => BootsWithinFrom(longest, null);

    /// <summary>Waits for the DUT to boot as <see cref="BootsWithin"/> does, the report naming where the limit comes from.</summary>
    [Then("the DUT boots within {duration} of the DUT supply switching on, a limit from {string}")]
    [StepExample("Then the DUT boots within 10 s of the DUT supply switching on, a limit from \"the procedure's cold-start allowance\"")]
    [RequiresRole(BenchRoles.Dut)]
    public Task BootsWithinWithSource(Duration longest, string source) => BootsWithinFrom(longest, source);

    private async Task BootsWithinFrom(Duration longest, string? source)
    {
        var on = _switchedOn ?? throw new InvalidOperationException("The DUT supply has not been switched on in this scenario.");
        await BootedAsync(on, longest, source);
    }

    /// <summary>
    /// A scenario that armed the over-current protection disarms it and clears a trip when it ends, pass or
    /// fail, with the profile's current limit restored: the next scenario starts from the supply it expects,
    /// not from this one's tripped limiter. A supply that cannot be reached is left to the safe state.
    /// </summary>
    [AfterScenario]
    public async Task DisarmProtectionAsync()
    {
        if (!_protectionArmed)
        {
            return;
        }

        try
        {
            await Supply.Instrument.SetOverCurrentProtectionAsync(Supply.Channel, false);
            if (await Supply.Instrument.GetTrippedProtectionAsync(Supply.Channel) is not SupplyProtection.None and var tripped)
            {
                results.RecordEvent(BenchEventKind.Note, Role, $"The DUT supply's {tripped} protection, tripped in this scenario, was cleared at its end.");
                await Supply.Instrument.ClearProtectionAsync(Supply.Channel);
            }

            await Supply.Instrument.SetCurrentLimitAsync(Supply.Channel, Rail.CurrentLimit.SiValue);
        }
        catch (Bench.Resilience.InstrumentFaultException e)
        {
            results.RecordEvent(BenchEventKind.Note, Role, $"The DUT supply's protection could not be disarmed after the scenario: {e.Message}");
        }
    }

    /// <summary>
    /// Judges that the overload left no damage the supply current shows: the current drawn now (the DUT booted
    /// again, at the same voltage) is within <paramref name="tolerance"/> of its value before the overload. A
    /// damaged part (a leakage path burnt open or shorted, a stuck internal protection) draws a different current.
    /// </summary>
    [Then("the DUT supply current is within {percentage} of its value before the overload")]
    [StepExample("Then the DUT supply current is within 5 % of its value before the overload")]
    public Task CurrentAsBeforeOverload(Percentage tolerance) => CurrentAsBeforeOverloadFrom(tolerance, null);

    /// <summary>Judges the current after the overload as <see cref="CurrentAsBeforeOverload"/> does, the report naming where the tolerance comes from.</summary>
    [Then("the DUT supply current is within {percentage} of its value before the overload, a limit from {string}")]
    [StepExample("Then the DUT supply current is within 2 % of its value before the overload, a limit from \"the procedure's damage tolerance\"")]
    public Task CurrentAsBeforeOverloadWithSource(Percentage tolerance, string source) => CurrentAsBeforeOverloadFrom(tolerance, source);

    private async Task CurrentAsBeforeOverloadFrom(Percentage tolerance, string? source)
    {
        var before = _currentBeforeOverload ?? throw new InvalidOperationException("No overload was applied in this scenario: there is no current before it to compare with.");
        var reference = new Quantity(before, Units.Ampere).ConvertTo(Units.Milliampere);
        await DutPowerSteps.MeasureRailCurrentAsync(rails, results, Source,
            Limit.Within(reference, Quantity.FromSi(before * tolerance.SiValue, Units.Milliampere)), "DUT supply current after the overload", source);
    }

    /// <summary>
    /// Waits for the DUT to be up and records the time since <paramref name="since"/> against <paramref name="longest"/>;
    /// Inconclusive with <paramref name="inconclusive"/> as its reason, and a deviation saying so, when the boot looked at
    /// is not the one the step means (a resume's power cycle brought the DUT back, not its protection's retry). A DUT that
    /// is not up at all is judged as usual: neither its retry nor that power cycle brought it back.
    /// </summary>
    private async Task BootedAsync(DateTimeOffset since, Quantity longest, string? source, string? inconclusive = null)
    {
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var up = await bench.WaitUntilAsync(
            async ct => await agent.Instrument.GetStatusAsync(ct) is DutStatus.Idle or DutStatus.Running,
            TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(longest.SiValue) + TimeSpan.FromSeconds(1));
        var took = bench.Clock.GetUtcNow() - since;
        rails.BootAwaited();
        if (!up)
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"The DUT did not boot: its agent reports it {await agent.Instrument.GetStatusAsync()}.");
        }

        var bootTime = new Quantity(took.TotalSeconds, Units.Second);
        var limit = Limit.AtMost(longest.ConvertTo(Units.Second));
        if (inconclusive is not null && up)
        {
            results.MeasureInconclusive("DUT boot time", bootTime, limit, inconclusive, BenchRoles.Dut, agent.InstrumentLabel, null, LimitSources.DecisionIfStated(source));
            results.RecordEvent(BenchEventKind.Deviation, BenchRoles.Dut, $"The DUT's boot time was recorded Inconclusive, not judged: {inconclusive}.");
            return;
        }

        results.Measure("DUT boot time", bootTime, limit, BenchRoles.Dut, agent.InstrumentLabel, null, LimitSources.DecisionIfStated(source));
    }

}
