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
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps on one DUT rail by its DUT-profile name ("core", "io"), whichever role powers it: sequencing the
/// rails, slow ramps and dips (brown-out). The DUT's state is read from its agent throughout.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.DutSupply)]
[RequiresRole(BenchRoles.LatchupMonitor, Optional = true)]
[RequiresRole(BenchRoles.Dut)]
public sealed class RailSteps(BenchSession bench, ScenarioRecorder results, DutRails rails) : IReestablishOnResume
{
    private readonly Dictionary<string, DateTimeOffset> _switchedOn = new(StringComparer.Ordinal);
    private long? _resetsBefore;
    private long? _resetsAfter;
    private DateTimeOffset? _restoredAt;
    private double? _resetAt;
    private double? _recoveredAt;
    private PowerUp _lastPowerUp;
    private string? _rampedRail;
    private double _rampBottomVolts;
    private double _rampStepVolts;
    private double _rampDwellSeconds;

    /// <summary>
    /// A resumed scenario whose completed steps switched rails on, or ramped or dipped one. The resume's safe state
    /// switched every rail off and its settings restore on again, all at <paramref name="settingsRestoredAt"/>, in the
    /// order they were last switched: a cold start, not what the completed steps did. Where they left the DUT booting
    /// (<see cref="DutRails.LeftBooting"/>: a step after them waits for that boot and times it), the power-up is
    /// re-created as they made it, so the time measured is the DUT's response to it, not to the restore:
    /// <list type="bullet">
    /// <item>a sequence (rails switched on at different moments): the rails go off again, last on first, and come on in
    /// the sequence's order with its spacing; each rail's stamp is its own switch-on;</item>
    /// <item>a ramp: the ramped rail goes down to the ramp's bottom and rises as the ramp rose (same steps, same rate),
    /// so the DUT comes back on the rise at the voltage it does and its recovery counts from the rail at nominal;</item>
    /// <item>a dip: the settings restore is a dip's restore (the rail back from 0 V at its setting), so the recovery
    /// counts from it.</item>
    /// </list>
    /// Otherwise a rail still on came on at the restore, and its stamp moves there. The DUT's reset counter saw the
    /// resume's power-ups too (a real agent's counters may even start again at zero): the baseline moves so that the
    /// resets counted are the ones the completed steps saw plus any after, never the resume's own.
    /// </summary>
    public async Task ReestablishAsync(DateTimeOffset settingsRestoredAt, CancellationToken cancellationToken)
    {
        // The rails still on, in the order and at the moments the completed steps switched them on.
        var sequence = new List<(string Rail, DateTimeOffset On)>();
        foreach (var (rail, on) in _switchedOn.OrderBy(r => r.Value))
        {
            if (await rails.Source(rail).IsOutputOnAsync(cancellationToken))
            {
                sequence.Add((rail, on));
                _switchedOn[rail] = settingsRestoredAt;
            }
        }

        if (_restoredAt is not null)
        {
            _restoredAt = settingsRestoredAt;
        }

        var bootUnderWay = rails.LeftBooting(settingsRestoredAt) && bench.HasRole(BenchRoles.Dut);
        if (bootUnderWay && _lastPowerUp == PowerUp.Ramp && _rampedRail is { } ramped && await rails.Source(ramped).IsOutputOnAsync(cancellationToken))
        {
            await RiseAgainAsync(ramped, cancellationToken);
        }
        else if (bootUnderWay && _lastPowerUp == PowerUp.Switch && sequence.Count > 1 && sequence[^1].On > sequence[0].On)
        {
            await SequenceAgainAsync(sequence, cancellationToken);
        }

        if (_resetsBefore is { } before && _resetsAfter is { } after && bench.HasRole(BenchRoles.Dut))
        {
            if (!bootUnderWay)
            {
                // Counted once the DUT is up again: the power-up's own reset is counted at its boot.
                await DutRails.WaitUntilUpAsync(bench, cancellationToken);
            }

            // A DUT still off owes the power-up it is about to boot from; ResetsSoFarAsync counts it, as the step did.
            var now = await ResetsSoFarAsync(cancellationToken);
            (_resetsBefore, _resetsAfter) = (now - (after - before), now);
        }
    }

    /// <summary>
    /// The completed steps switched these rails on one after another: the restore's all-at-once switch-on is undone
    /// (the rails off, last on first, until the DUT's agent reports it off: not yet booted, it has nothing to lose) and
    /// the sequence made again with its order and spacing, each rail's stamp its own switch-on.
    /// </summary>
    private async Task SequenceAgainAsync(List<(string Rail, DateTimeOffset On)> sequence, CancellationToken cancellationToken)
    {
        for (var i = sequence.Count - 1; i >= 0; i--)
        {
            await rails.Source(sequence[i].Rail).SetOutputAsync(false, cancellationToken);
        }

        await UntilOffAsync(cancellationToken);
        var previous = sequence[0].On;
        foreach (var (rail, on) in sequence)
        {
            if (on > previous)
            {
                await bench.WaitAsync(on - previous, cancellationToken);
            }

            previous = on;
            await rails.Source(rail).SetOutputAsync(true, cancellationToken);
            _switchedOn[rail] = bench.Clock.GetUtcNow();
        }
    }

    /// <summary>
    /// The completed ramp ended with the rail rising from its bottom back to nominal, and the DUT came back on that
    /// rise: the rail goes down to the bottom again (the restore put it at nominal; the DUT, booting, goes off) and
    /// rises as the ramp rose — the same steps, each held as long — so the recovery counts from the rail back at nominal.
    /// </summary>
    private async Task RiseAgainAsync(string rail, CancellationToken cancellationToken)
    {
        var source = rails.Source(rail);
        var nominal = bench.Dut.Rail(rail).NominalVoltage.SiValue;
        await source.SetVoltageAsync(_rampBottomVolts, cancellationToken);
        await UntilOffAsync(cancellationToken);
        foreach (var volts in Rise(nominal, _rampBottomVolts, _rampStepVolts))
        {
            await source.SetVoltageAsync(volts, cancellationToken);
            await bench.WaitAsync(TimeSpan.FromSeconds(_rampDwellSeconds), cancellationToken);
        }

        await rails.ProgramAsync(rail, new Quantity(nominal, Units.Volt), cancellationToken);
        _restoredAt = bench.Clock.GetUtcNow();
    }

    /// <summary>Waits (up to <see cref="DutRails.SettleTimeout"/>: the rails' capacitance discharging) until the DUT's agent reports it off.</summary>
    private Task<bool> UntilOffAsync(CancellationToken cancellationToken) =>
        bench.WaitUntilAsync(async ct => await Agent.GetStatusAsync(ct) == DutStatus.Off, TimeSpan.FromMilliseconds(1), DutRails.SettleTimeout, cancellationToken);

    private IDutAgent Agent => bench.Role<IDutAgent>(BenchRoles.Dut).Instrument;

    /// <summary>Switches a rail on at its nominal voltage (with the DUT profile's current limit).</summary>
    [Given("the {word} rail is switched on at its nominal voltage")]
    [When("the {word} rail is switched on at its nominal voltage")]
    [StepExample("When the core rail is switched on at its nominal voltage")]
    public async Task RailOn(string rail)
    {
        await rails.ProgramAsync(rail, bench.Dut.Rail(rail).NominalVoltage);
        await rails.Source(rail).SetOutputAsync(true);
        _switchedOn[rail] = bench.Clock.GetUtcNow();
        _lastPowerUp = PowerUp.Switch;
        rails.BootStarted();
    }

    /// <summary>Waits, then switches a rail on at its nominal voltage: the power-on sequence's spacing.</summary>
    [When("the {word} rail is switched on at its nominal voltage {duration} later")]
    [StepExample("When the io rail is switched on at its nominal voltage 10 ms later")]
    public async Task RailOnLater(string rail, Duration delay)
    {
        await bench.WaitAsync(TimeSpan.FromSeconds(delay.SiValue));
        await RailOn(rail);
    }

    /// <summary>Switches a rail off.</summary>
    [When("the {word} rail is switched off")]
    [StepExample("When the io rail is switched off")]
    public Task RailOff(string rail) => rails.Source(rail).SetOutputAsync(false);

    /// <summary>Waits, then switches a rail off: the power-off sequence's spacing.</summary>
    [When("the {word} rail is switched off {duration} later")]
    [StepExample("When the core rail is switched off 10 ms later")]
    public async Task RailOffLater(string rail, Duration delay)
    {
        await bench.WaitAsync(TimeSpan.FromSeconds(delay.SiValue));
        await RailOff(rail);
    }

    /// <summary>
    /// Watches the DUT for a time and judges that it stays off (not powered through another rail, not booting):
    /// what a part must do while its supplies are only partly up.
    /// </summary>
    [Then("the DUT stays off for {duration}")]
    [StepExample("Then the DUT stays off for 100 ms")]
    public async Task StaysOff(Duration span)
    {
        var end = bench.Clock.GetUtcNow() + TimeSpan.FromSeconds(span.SiValue);
        var seen = new HashSet<DutStatus>();
        while (bench.Clock.GetUtcNow() < end)
        {
            seen.Add(await Agent.GetStatusAsync());
            await bench.WaitAsync(TimeSpan.FromSeconds(span.SiValue / 20));
        }

        seen.Add(await Agent.GetStatusAsync());
        var up = seen.Any(s => s != DutStatus.Off);
        if (up)
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"The DUT was seen {string.Join(", ", seen)} while it should have stayed off.");
        }

        results.Measure("DUT up while it should be off", new Quantity(up ? 1 : 0, Units.One), Limit.AtMost(new Quantity(0, Units.One)),
            BenchRoles.Dut, bench.Role<IDutAgent>(BenchRoles.Dut).InstrumentLabel, null, StaysOffDecision);
    }

    /// <summary>Waits for the DUT to boot after a rail came on, and judges the time against the limit.</summary>
    [Then("the DUT boots within {duration} of the {word} rail switching on")]
    [StepExample("Then the DUT boots within 5 s of the io rail switching on")]
    public Task BootsAfterRail(Duration longest, string rail) => BootsAfterRailFrom(longest, rail, null);

    /// <summary>Waits for the DUT to boot after a rail came on as <see cref="BootsAfterRail"/> does, the report naming where the limit comes from.</summary>
    [Then("the DUT boots within {duration} of the {word} rail switching on, a limit from {string}")]
    [StepExample("Then the DUT boots within 10 s of the io rail switching on, a limit from \"the procedure's cold-start allowance\"")]
    public Task BootsAfterRailWithSource(Duration longest, string rail, string source) => BootsAfterRailFrom(longest, rail, source);

    private async Task BootsAfterRailFrom(Duration longest, string rail, string? source)
    {
        var since = _switchedOn.TryGetValue(rail, out var on) ? on : throw new InvalidOperationException($"The {rail} rail has not been switched on in this scenario.");
        var up = await bench.WaitUntilAsync(
            async ct => await Agent.GetStatusAsync(ct) is DutStatus.Idle or DutStatus.Running,
            TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(longest.SiValue) + TimeSpan.FromSeconds(1));
        rails.BootAwaited();
        if (!up)
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"The DUT did not boot: its agent reports it {await Agent.GetStatusAsync()}.");
        }

        results.Measure("DUT boot time", new Quantity((bench.Clock.GetUtcNow() - since).TotalSeconds, Units.Second), Limit.AtMost(longest.ConvertTo(Units.Second)),
            BenchRoles.Dut, bench.Role<IDutAgent>(BenchRoles.Dut).InstrumentLabel, null, LimitSources.DecisionIfStated(source));
    }

    /// <summary>Judges that the DUT is off (its agent says not powered).</summary>
    [Then("the DUT is off")]
    [StepExample("Then the DUT is off")]
    public async Task IsOff()
    {
        var status = await Agent.GetStatusAsync();
        results.Measure("DUT up while it should be off", new Quantity(status == DutStatus.Off ? 0 : 1, Units.One), Limit.AtMost(new Quantity(0, Units.One)),
            BenchRoles.Dut, bench.Role<IDutAgent>(BenchRoles.Dut).InstrumentLabel, null, StaysOffDecision);
    }

    private static readonly string StaysOffDecision = LimitSources.Procedure("the DUT is off where the step says so (its agent reports it not powered)");

    /// <summary>
    /// Ramps a rail down to a fraction of nominal and back at a rate, in small steps, reading the DUT's state
    /// at each: records the rail voltage at which the DUT reset going down and the one at which it came back
    /// going up (its undervoltage lockout and hysteresis), and the rail voltage trace.
    /// </summary>
    [When("the {word} rail ramps down to {percentage} of nominal and back at {voltage-rate}")]
    [StepExample("When the core rail ramps down to 50 % of nominal and back at 1 V/s")]
    public async Task Ramp(string rail, Percentage lowest, VoltageRate rate)
    {
        var source = rails.Source(rail);
        var nominal = bench.Dut.Rail(rail).NominalVoltage.SiValue;
        var bottom = nominal * lowest.SiValue;
        var step = nominal / 200;
        var dwell = TimeSpan.FromSeconds(step / rate.SiValue);
        var trace = results.StartSweep($"{rail} rail ramp: DUT up", Units.One, $"{rail} rail voltage", Units.Volt, source.Role, source.Instrument);
        _resetsBefore = (await Agent.ReadCountersAsync()).Resets;
        _resetAt = null;
        _recoveredAt = null;
        var previous = await Agent.GetStatusAsync();
        foreach (var volts in Ramp(nominal, bottom, step))
        {
            await source.SetVoltageAsync(volts);
            await bench.WaitAsync(dwell);
            var status = await Agent.GetStatusAsync();
            var up = status != DutStatus.Off;
            trace.Append(new Quantity(volts, Units.Volt), new Quantity(up ? 1 : 0, Units.One));
            if (!up && previous != DutStatus.Off && _resetAt is null)
            {
                _resetAt = volts;
            }
            else if (up && previous == DutStatus.Off && _resetAt is not null)
            {
                _recoveredAt = volts;
            }

            previous = status;
        }

        await rails.ProgramAsync(rail, new Quantity(nominal, Units.Volt));
        _restoredAt = bench.Clock.GetUtcNow();
        _resetsAfter = await ResetsSoFarAsync();
        (_lastPowerUp, _rampedRail, _rampBottomVolts, _rampStepVolts, _rampDwellSeconds) = (PowerUp.Ramp, rail, bottom, step, dwell.TotalSeconds);
        BootStartedIfReset();
    }

    /// <summary>Judges the voltages at which the DUT reset (ramping down) and came back (ramping up) against a window of fractions of nominal.</summary>
    [Then("the DUT reset on the {word} rail between {percentage} and {percentage} of nominal and came back within the same window")]
    [StepExample("Then the DUT reset on the core rail between 60 % and 75 % of nominal and came back within the same window")]
    public void ResetWindow(string rail, Percentage low, Percentage high) => ResetWindowFrom(rail, low, high, null);

    /// <summary>Judges the reset and recovery voltages as <see cref="ResetWindow"/> does, the report naming where the window comes from.</summary>
    [Then("the DUT reset on the {word} rail between {percentage} and {percentage} of nominal and came back within the same window, a limit from {string}")]
    [StepExample("Then the DUT reset on the core rail between 55 % and 80 % of nominal and came back within the same window, a limit from \"the procedure's undervoltage-lockout window\"")]
    public void ResetWindowWithSource(string rail, Percentage low, Percentage high, string source) => ResetWindowFrom(rail, low, high, source);

    private void ResetWindowFrom(string rail, Percentage low, Percentage high, string? limitSource)
    {
        var nominal = bench.Dut.Rail(rail).NominalVoltage;
        var window = Limit.Between(Quantity.FromSi(nominal.SiValue * low.SiValue, Units.Volt), Quantity.FromSi(nominal.SiValue * high.SiValue, Units.Volt));
        var railSource = rails.Source(rail);
        var recorded = new List<MeasurementRecorded>
        {
            results.Measure($"DUT resets on the {rail} rail ramp", new Quantity(_resetAt is null ? 0 : 1, Units.One), Limit.AtLeast(new Quantity(1, Units.One)), railSource.Role, railSource.Instrument, null,
                LimitSources.Procedure("the DUT resets during the ramp, as the step says")),
        };
        if (_resetAt is { } fell)
        {
            recorded.Add(results.Measure($"{rail} rail voltage at reset (falling)", new Quantity(fell, Units.Volt), window, railSource.Role, railSource.Instrument, null, LimitSources.DecisionIfStated(limitSource)));
            recorded.Add(results.Measure($"{rail} rail voltage at recovery (rising)", new Quantity(_recoveredAt ?? nominal.SiValue, Units.Volt), window, railSource.Role, railSource.Instrument, null, LimitSources.DecisionIfStated(limitSource)));
        }

    }

    /// <summary>Drops a rail to 0 V for a time and restores it at its setting: a supply dip.</summary>
    [When("the {word} rail dips to 0 V for {duration}")]
    [StepExample("When the core rail dips to 0 V for 10 ms")]
    public async Task Dip(string rail, Duration span)
    {
        var source = rails.Source(rail);
        var setting = rails.Setting(rail) ?? bench.Dut.Rail(rail).NominalVoltage;
        _resetsBefore = (await Agent.ReadCountersAsync()).Resets;
        await source.SetVoltageAsync(0);
        await bench.WaitAsync(TimeSpan.FromSeconds(span.SiValue));
        await source.SetVoltageAsync(setting.SiValue);
        _restoredAt = bench.Clock.GetUtcNow();
        _resetsAfter = await ResetsSoFarAsync();
        _lastPowerUp = PowerUp.Dip;
        BootStartedIfReset();
    }

    /// <summary>
    /// Judges that the DUT went through exactly one reset since the ramp or dip began (a clean reset: no
    /// lock-up, no repeated resets) and was up again within the stated time of the rail being restored.
    /// </summary>
    [Then("the DUT reset exactly once and is up again within {duration}")]
    [StepExample("Then the DUT reset exactly once and is up again within 5 s")]
    public Task ResetOnce(Duration longest) => ResetOnceFrom(longest, null);

    /// <summary>Judges the reset and the recovery as <see cref="ResetOnce"/> does, the report naming where the recovery-time limit comes from.</summary>
    [Then("the DUT reset exactly once and is up again within {duration}, a limit from {string}")]
    [StepExample("Then the DUT reset exactly once and is up again within 10 s, a limit from \"the procedure's restart allowance\"")]
    public Task ResetOnceWithSource(Duration longest, string source) => ResetOnceFrom(longest, source);

    private async Task ResetOnceFrom(Duration longest, string? source)
    {
        var before = _resetsBefore ?? throw new InvalidOperationException("No ramp or dip was applied in this scenario.");
        var started = _restoredAt ?? bench.Clock.GetUtcNow();
        await bench.WaitUntilAsync(
            async ct => await Agent.GetStatusAsync(ct) is DutStatus.Idle or DutStatus.Running, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(longest.SiValue) + TimeSpan.FromSeconds(1));
        rails.BootAwaited();
        var resets = (await Agent.ReadCountersAsync()).Resets - before;
        var label = bench.Role<IDutAgent>(BenchRoles.Dut).InstrumentLabel;
        results.Measure("DUT resets", new Quantity(resets, Units.One), Limit.Within(new Quantity(1, Units.One), new Quantity(0, Units.One)), BenchRoles.Dut, label, null,
            LimitSources.Procedure("the DUT resets exactly once, as the step says"));
        results.Measure("DUT recovery time", new Quantity((bench.Clock.GetUtcNow() - started).TotalSeconds, Units.Second),
            Limit.AtMost(longest.ConvertTo(Units.Second)), BenchRoles.Dut, label, null, LimitSources.DecisionIfStated(source));
    }

    /// <summary>A ramp or dip that took the DUT down leaves it booting (a later step waits for it); one it rode through, up.</summary>
    private void BootStartedIfReset()
    {
        if (_resetsAfter > _resetsBefore)
        {
            rails.BootStarted();
        }
    }

    /// <summary>
    /// The resets the DUT has gone through as the rail is restored: its counter, plus the power-up a DUT still off owes
    /// (the rail took it down and it has not begun to boot; its counter shows that reset once it is up).
    /// </summary>
    private async Task<long> ResetsSoFarAsync(CancellationToken cancellationToken = default)
    {
        var status = await Agent.GetStatusAsync(cancellationToken);
        var resets = (await Agent.ReadCountersAsync(cancellationToken)).Resets;
        return status == DutStatus.Off ? resets + 1 : resets;
    }

    private static IEnumerable<double> Ramp(double top, double bottom, double step)
    {
        for (var v = top - step; v > bottom; v -= step)
        {
            yield return v;
        }

        foreach (var v in Rise(top, bottom, step))
        {
            yield return v;
        }
    }

    /// <summary>A ramp's rising half: from its bottom up to the top in its steps.</summary>
    private static IEnumerable<double> Rise(double top, double bottom, double step)
    {
        for (var v = bottom; v < top; v += step)
        {
            yield return v;
        }

        yield return top;
    }

    /// <summary>How the completed steps last brought the DUT's power up: what a resume re-creates while its boot is under way.</summary>
    private enum PowerUp
    {
        /// <summary>Not by a step of this type.</summary>
        None,

        /// <summary>Rails switched on (a sequence when at different moments).</summary>
        Switch,

        /// <summary>A ramp down and back up.</summary>
        Ramp,

        /// <summary>A dip to 0 V and back.</summary>
        Dip,
    }
}
