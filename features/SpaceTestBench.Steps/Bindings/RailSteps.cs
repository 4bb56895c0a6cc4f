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

    /// <summary>
    /// A resumed scenario whose completed steps switched rails on, or ramped or dipped one: the bench-time stamps they
    /// kept are re-based on the resumed clock. The resume's safe state switched every rail off and its settings restore on
    /// again at <paramref name="settingsRestoredAt"/>: that is when a rail still on came on, and when a ramped or dipped
    /// rail was last restored, so a boot or recovery time counts from it, not from a moment before the cut. The DUT's
    /// reset counter saw that power-up too (a real agent's counters may even start again at zero): the baseline moves so
    /// that the resets counted are the ones the completed steps saw plus any after, never the resume's own power-up.
    /// </summary>
    public async Task ReestablishAsync(DateTimeOffset settingsRestoredAt, CancellationToken cancellationToken)
    {
        foreach (var rail in _switchedOn.Keys.ToList())
        {
            if (await rails.Source(rail).IsOutputOnAsync(cancellationToken))
            {
                _switchedOn[rail] = settingsRestoredAt;
            }
        }

        if (_restoredAt is not null)
        {
            _restoredAt = settingsRestoredAt;
        }

        if (_resetsBefore is { } before && _resetsAfter is { } after && bench.HasRole(BenchRoles.Dut))
        {
            // Counted once the DUT is up again: the power-up's own reset is counted at its boot.
            await DutRails.WaitUntilUpAsync(bench, cancellationToken);
            var now = (await Agent.ReadCountersAsync(cancellationToken)).Resets;
            (_resetsBefore, _resetsAfter) = (now - (after - before), now);
        }
    }

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
        var resets = (await Agent.ReadCountersAsync()).Resets - before;
        var label = bench.Role<IDutAgent>(BenchRoles.Dut).InstrumentLabel;
        results.Measure("DUT resets", new Quantity(resets, Units.One), Limit.Within(new Quantity(1, Units.One), new Quantity(0, Units.One)), BenchRoles.Dut, label, null,
            LimitSources.Procedure("the DUT resets exactly once, as the step says"));
        results.Measure("DUT recovery time", new Quantity((bench.Clock.GetUtcNow() - started).TotalSeconds, Units.Second),
            Limit.AtMost(longest.ConvertTo(Units.Second)), BenchRoles.Dut, label, null, LimitSources.DecisionIfStated(source));
    }

    /// <summary>
    /// The resets the DUT has gone through as the rail is restored: its counter, plus the power-up a DUT still off owes
    /// (the rail took it down and it has not begun to boot; its counter shows that reset once it is up).
    /// </summary>
    private async Task<long> ResetsSoFarAsync()
    {
        var status = await Agent.GetStatusAsync();
        var resets = (await Agent.ReadCountersAsync()).Resets;
        return status == DutStatus.Off ? resets + 1 : resets;
    }

    private static IEnumerable<double> Ramp(double top, double bottom, double step)
    {
        for (var v = top - step; v > bottom; v -= step)
        {
            yield return v;
        }

        for (var v = bottom; v < top; v += step)
        {
            yield return v;
        }

        yield return top;
    }
}
