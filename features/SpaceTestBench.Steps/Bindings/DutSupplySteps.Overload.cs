using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// The over-current test of the DUT's own protection (ECSS-E-ST-20C): a fault load across the DUT supply's rail,
/// downstream of the DUT's protection, and what the DUT does about it, judged against its protection's datasheet
/// values in the DUT profile (<c>supplies.&lt;rail&gt;.protection</c>): the most current it lets through, how fast it
/// switches the rail off, how it recovers. The bench supply's own over-current protection is the bench's safety net,
/// never the judged thing.
/// </summary>
public sealed partial class DutSupplySteps
{
    private List<(TimeSpan At, double Amperes)> _overload = [];
    private bool _protectionSwitchedOff;
    private bool _faultApplied;

    /// <summary>The key under which the fault step leaves its protection's response for the recovery step to look at (<see cref="LatchedStates"/>).</summary>
    private const string ProtectionResponse = "DUT over-current protection response";

    private RailProtection Protection => Rail.Protection
        ?? throw new InvalidOperationException($"The DUT profile {Path.GetFileName(bench.Dut.File)} gives no over-current protection for its {Source.Rail} rail ($.supplies.{Source.Rail}.protection): there is no specification to judge the DUT's behaviour against.");

    private string ProtectionSource(string field) => LimitSources.Profile(bench.Dut, $"$.supplies.{Source.Rail}.protection.{field}", Protection.Source);

    private string ProtectionLimit(string field) => LimitSources.Decision(ProtectionSource(field));

    /// <summary>
    /// Sets the bench supply up as the fault's source: its current limit at what the source can deliver (the bus's
    /// fault current the test stands in for), its own over-current protection armed with a delay longer than the DUT's
    /// specified response, so that it removes the overload only if the DUT does not.
    /// </summary>
    [Given("the DUT supply can deliver {current} into a fault, its own over-current protection armed after {duration} as the bench's safety net")]
    [StepExample("Given the DUT supply can deliver 5 A into a fault, its own over-current protection armed after 1 s as the bench's safety net")]
    public async Task FaultSource(Current available, Duration safetyNet)
    {
        await Supply.Instrument.ClearProtectionAsync(Supply.Channel);
        await Supply.Instrument.SetCurrentLimitAsync(Supply.Channel, available.SiValue);
        await Supply.Instrument.SetOverCurrentProtectionDelayAsync(Supply.Channel, safetyNet.SiValue);
        _protectionArmed = true;
        await Supply.Instrument.SetOverCurrentProtectionAsync(Supply.Channel, true);
    }

    /// <summary>
    /// Records the current the DUT draws, switches the carrier board's fault load across the DUT supply's rail and
    /// samples the supply current every interval until it has fallen to the DUT's trip current or below (its protection
    /// acted) or for at most the stated time, recorded as the "DUT supply current in the overload" trace.
    /// </summary>
    [When("a fault of {resistance} is switched across the DUT supply's rail, its current sampled every {duration} for at most {duration}")]
    [StepExample("When a fault of 100 mΩ is switched across the DUT supply's rail, its current sampled every 100 µs for at most 2 s")]
    [RequiresRole(BenchRoles.Dut)]
    public async Task ApplyFault(Resistance fault, Duration interval, Duration longest)
    {
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var drawn = await Supply.Instrument.MeasureCurrentAsync(Supply.Channel);
        _currentBeforeOverload = drawn;
        results.Measure("DUT supply current before the overload", new Quantity(drawn, Units.Ampere).ConvertTo(Units.Milliampere), null, Role, Supply.InstrumentLabel);
        var trip = Protection.TripCurrent.SiValue;
        var trace = results.StartTimeSeries("DUT supply current in the overload", Units.Ampere, Role, Supply.InstrumentLabel);
        var step = TimeSpan.FromSeconds(interval.SiValue);
        var end = TimeSpan.FromSeconds(longest.SiValue);
        _faultApplied = true;
        await agent.Instrument.ApplyRailOverloadAsync(Source.Rail, fault.SiValue);
        var at = bench.Clock.GetUtcNow();
        _overload = [];
        _protectionSwitchedOff = false;
        for (var since = TimeSpan.Zero; since <= end; since = bench.Clock.GetUtcNow() - at)
        {
            var amperes = await Supply.Instrument.MeasureCurrentAsync(Supply.Channel);
            var now = bench.Clock.GetUtcNow();
            _overload.Add((now - at, amperes));
            trace.AppendAt(now, new Quantity(amperes, Units.Ampere));
            if (amperes <= trip && _overload.Any(s => s.Amperes > trip))
            {
                _protectionSwitchedOff = true;
                break;
            }

            await bench.WaitAsync(step);
        }

        // What the protection did holds only while the DUT stays powered: the recovery step looks at it, unless a
        // resume's power cycle has cleared it first.
        latched.Establish(ProtectionResponse, Protection.Recovery == ProtectionRecovery.Latch
            ? $"the DUT's latching protection's response to a fault of {fault} across its {Source.Rail} rail"
            : $"the DUT's auto-retrying protection's response to a fault of {fault} across its {Source.Rail} rail", at);
    }

    /// <summary>
    /// Judges the most current the bench supply measured through the overload against the protection's specified
    /// maximum (a limiter's guaranteed level), or records it unjudged where the datasheet guarantees none.
    /// </summary>
    [Then("the DUT held the overload current within its protection's specified maximum")]
    [StepExample("Then the DUT held the overload current within its protection's specified maximum")]
    public void HeldWithinMaximum()
    {
        var peak = RequireOverload().Max(s => s.Amperes);
        var maximum = Protection.MaximumCurrent;
        results.Measure("peak DUT supply current in the overload", new Quantity(peak, Units.Ampere), maximum is { } m ? Limit.AtMost(m.ConvertTo(Units.Ampere)) : null,
            Role, Supply.InstrumentLabel, new Dictionary<string, Quantity> { ["DUT protection trip current"] = Protection.TripCurrent },
            maximum is null ? null : ProtectionLimit("maximumCurrent"));
    }

    /// <summary>
    /// Judges how long the rail current stayed above the protection's trip current against its specified response time.
    /// Convention: the time from switching the fault on to the first sample at or below the trip current, so the true
    /// time lies within one sampling interval below it; an overload still flowing when sampling ended is judged at
    /// the time sampled (it exceeds any response the DUT could claim only if that time does).
    /// </summary>
    [Then("the DUT switched the overload off within its protection's specified response time")]
    [StepExample("Then the DUT switched the overload off within its protection's specified response time")]
    public void SwitchedOffWithinResponse()
    {
        var samples = RequireOverload();
        var trip = Protection.TripCurrent.SiValue;
        // No sample above the trip: the fault never drew enough for the protection to act, nothing to time.
        var overloaded = samples.Any(s => s.Amperes > trip);
        var until = samples[^1].At;
        var measured = overloaded ? until : TimeSpan.Zero;
        if (overloaded && !_protectionSwitchedOff)
        {
            results.RecordEvent(BenchEventKind.Note, Role, $"The DUT supply current was still above the DUT's {Protection.TripCurrent} trip current when sampling ended, {until.TotalMilliseconds:0.#} ms after the fault was switched on.");
        }

        results.Measure("DUT over-current response time", new Quantity(measured.TotalMilliseconds, Units.Millisecond), Limit.AtMost(Protection.MaximumResponseTime.ConvertTo(Units.Millisecond)),
            Role, Supply.InstrumentLabel, new Dictionary<string, Quantity> { ["DUT protection trip current"] = Protection.TripCurrent }, ProtectionLimit("maximumResponseTime"));
    }

    /// <summary>
    /// Takes the fault off and lets the DUT recover as its protection specifies: a latching one must hold the rail off
    /// until the rail is power-cycled (judged), then the DUT boots from the switch-on; an auto-retrying one brings the DUT
    /// back by itself, within its specified retry period plus the boot time. The boot time is the procedure's. Where a
    /// resume power-cycled the DUT after the fault step (<see cref="LatchedStates"/>), the protection's state is gone: the
    /// latch's hold (or an auto-retrying protection's return) is recorded Inconclusive with that reason, and the power
    /// cycle and boot after it are judged as usual.
    /// </summary>
    [Then("with the fault removed the DUT recovers as its protection specifies, booting within {duration}, a limit from {string}")]
    [StepExample("Then with the fault removed the DUT recovers as its protection specifies, booting within 10 s, a limit from \"the procedure's cold-start allowance\"")]
    [RequiresRole(BenchRoles.Dut)]
    public async Task Recovers(Duration boot, string source)
    {
        RequireOverload();
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        await agent.Instrument.ClearRailOverloadsAsync();
        var removed = bench.Clock.GetUtcNow();
        await Supply.Instrument.SetOverCurrentProtectionAsync(Supply.Channel, false);
        var safetyNet = await Supply.Instrument.GetTrippedProtectionAsync(Supply.Channel);
        if (safetyNet != SupplyProtection.None)
        {
            results.RecordEvent(BenchEventKind.InterlockTrip, Role, $"The bench's safety net, the DUT supply's {safetyNet} protection, removed the overload: the DUT did not.");
            await Supply.Instrument.ClearProtectionAsync(Supply.Channel);
        }

        await Supply.Instrument.SetCurrentLimitAsync(Supply.Channel, Rail.CurrentLimit.SiValue);
        var lost = latched.LostToResume(ProtectionResponse);
        latched.Clear(ProtectionResponse);
        if (Protection.Recovery == ProtectionRecovery.Latch)
        {
            // With the bench's safety net tripped the rail is off because the bench removed it: the DUT's latch is not shown.
            var status = await agent.Instrument.GetStatusAsync();
            var held = new Quantity(status == DutStatus.Off && safetyNet == SupplyProtection.None ? 1 : 0, Units.One);
            var latchHolds = Limit.AtLeast(new Quantity(1, Units.One));
            if (lost is null)
            {
                results.Measure("DUT rail held off by its latched protection", held, latchHolds, BenchRoles.Dut, agent.InstrumentLabel, null, ProtectionLimit("recovery"));
            }
            else
            {
                results.MeasureInconclusive("DUT rail held off by its latched protection", held, latchHolds, lost, BenchRoles.Dut, agent.InstrumentLabel, null, ProtectionLimit("recovery"));
                results.RecordEvent(BenchEventKind.Deviation, BenchRoles.Dut, $"The latched protection's hold was recorded Inconclusive, not judged: {lost}.");
            }

            await Supply.Instrument.SetOutputAsync(Supply.Channel, false);
            await bench.WaitAsync(TimeSpan.FromMilliseconds(100));
            await OutputOn();
            await BootsWithinFrom(boot, source);
            return;
        }

        var retry = Protection.RetryPeriod ?? throw new InvalidOperationException("An auto-retrying protection states its retry period.");
        if (safetyNet != SupplyProtection.None)
        {
            await Supply.Instrument.SetOutputAsync(Supply.Channel, true);
        }

        await BootedAsync(removed, Quantity.FromSi(boot.SiValue + retry.SiValue, Units.Second), $"{source}, plus the retry period of {ProtectionSource("maximumRetryPeriod")}", lost);
    }

    /// <summary>A scenario that switched a fault load on takes it off when it ends, pass or fail: the next scenario's DUT has no fault across its rail.</summary>
    [AfterScenario]
    public async Task ClearFaultLoadAsync()
    {
        if (!_faultApplied)
        {
            return;
        }

        try
        {
            await bench.Role<IDutAgent>(BenchRoles.Dut).Instrument.ClearRailOverloadsAsync();
        }
        catch (Bench.Resilience.InstrumentFaultException e)
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"The fault load could not be taken off after the scenario: {e.Message}; the agent's safe state takes it off.");
        }
    }

    private List<(TimeSpan At, double Amperes)> RequireOverload() =>
        _overload.Count > 0 ? _overload : throw new InvalidOperationException("No fault was switched across the DUT supply's rail in this scenario.");
}
