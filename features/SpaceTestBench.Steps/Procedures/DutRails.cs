using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// The DUT's rails and the roles that power them, for one scenario: the DUT supply's rail and, when the
/// bench has one, the latch-up monitor's rail. The DUT counts as powered only when every wired rail is
/// above its power-on reset, so powering the DUT means powering all of them. Remembers what each rail
/// was set to in the scenario.
/// </summary>
public sealed class DutRails(BenchSession bench, ScenarioRecorder results) : IReestablishOnResume
{
    private readonly Dictionary<string, double> _settings = new(StringComparer.Ordinal);
    private DateTimeOffset? _bootStartedAt;
    [NotScenarioState("a cache of the bench's rail roles, resolved again from the bench")]
    private List<RailSource>? _sources;

    /// <summary>How long a DUT may take to boot before the bench calls it a failure to start.</summary>
    public static TimeSpan BootTimeout { get; } = TimeSpan.FromMinutes(2);

    /// <summary>The rails the bench powers, in the order they are switched on.</summary>
    public IReadOnlyList<RailSource> Sources => _sources ??= Resolve();

    /// <summary>The DUT profile.</summary>
    public DutProfile Dut => bench.Dut;

    /// <summary>The role powering <paramref name="rail"/>, or a configuration error naming the rails the bench powers.</summary>
    public RailSource Source(string rail) =>
        Sources.FirstOrDefault(s => s.Rail == rail)
        ?? throw new BenchConfigurationException(
            bench.Definition.File, "$.roles",
            $"no role of the bench powers the DUT rail '{rail}'; it powers {string.Join(", ", Sources.Select(s => $"'{s.Rail}' ({s.Role})"))}.");

    /// <summary>The voltage last programmed on <paramref name="rail"/> in this scenario, if any.</summary>
    public Quantity? Setting(string rail) => _settings.TryGetValue(rail, out var volts) ? new Quantity(volts, Units.Volt) : null;

    /// <summary>Programs <paramref name="rail"/>'s current limit from the DUT profile and its voltage.</summary>
    public async Task ProgramAsync(string rail, Quantity volts, CancellationToken cancellationToken = default)
    {
        var source = Source(rail);
        await source.SetCurrentLimitAsync(Dut.Rail(rail).CurrentLimit.SiValue, cancellationToken);
        await source.SetVoltageAsync(volts.SiValue, cancellationToken);
        _settings[rail] = volts.SiValue;
    }

    /// <summary>How long the bench waits for a rail to charge its board capacitance and leave current limit after a change.</summary>
    public static TimeSpan SettleTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Powers every rail at the voltage <paramref name="voltage"/> gives for it (with the profile's current
    /// limit), switching them on in order, waits until the rails have charged the board's capacitance (no rail
    /// in current limit, as a test engineer waits before reading a meter), then until the DUT has booted.
    /// </summary>
    public async Task PowerAsync(Func<SupplyRail, Quantity> voltage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voltage);
        foreach (var source in Sources)
        {
            await ProgramAsync(source.Rail, voltage(Dut.Rail(source.Rail)), cancellationToken);
        }

        foreach (var source in Sources)
        {
            await source.SetOutputAsync(true, cancellationToken);
        }

        await SettleAsync(cancellationToken);
        await WaitForBootAsync(cancellationToken);
    }

    /// <summary>
    /// Waits (up to <see cref="SettleTimeout"/>) until no rail is in current limit: a rail still charging its
    /// capacitance reads the limit, not the DUT. A rail that stays there (a short, a latch-up) is left for the
    /// checks that follow to judge.
    /// </summary>
    public Task<bool> SettleAsync(CancellationToken cancellationToken = default) =>
        bench.WaitUntilAsync(
            async ct =>
            {
                foreach (var source in Sources)
                {
                    if (await source.IsInCurrentLimitAsync(ct))
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromMilliseconds(1), SettleTimeout, cancellationToken);

    /// <summary>Switches every rail off, last switched on first.</summary>
    public async Task OffAsync(CancellationToken cancellationToken = default)
    {
        foreach (var source in Sources.Reverse())
        {
            await source.SetOutputAsync(false, cancellationToken);
        }
    }

    /// <summary>
    /// A step switched a rail on or brought one back (a sequence's last rail, a ramp's or dip's restore): the DUT boots
    /// from here, and a later step waits for it and times it.
    /// </summary>
    public void BootStarted() => _bootStartedAt = bench.Clock.GetUtcNow();

    /// <summary>A step saw the DUT up (or gave up waiting for it): the completed steps no longer leave a boot under way.</summary>
    public void BootAwaited() => _bootStartedAt = null;

    /// <summary>
    /// Whether the completed steps left the DUT booting at <paramref name="cut"/>: a boot under way that they had given
    /// less than <see cref="BootTimeout"/> (past that the bench calls a DUT that is not up down, so they left it up or
    /// down, not booting: a switch-on followed by a long soak, say).
    /// </summary>
    public bool LeftBooting(DateTimeOffset cut) => _bootStartedAt is { } started && cut - started < BootTimeout;

    /// <summary>
    /// A resumed scenario whose DUT was powered: the settings restore switched its rails on again, and a DUT takes
    /// bench time to boot. Waits (up to <see cref="BootTimeout"/>, measuring nothing) until its agent reports it up,
    /// so the interrupted step finds it as the completed steps had left it — unless they left it booting
    /// (<see cref="LeftBooting"/>): then the step that waits for that boot runs next and times it itself, from the
    /// switch-on the resume re-created (<c>RailSteps</c>), as it timed it from the completed step's; a wait here, on its
    /// coarser poll, would put the resume's polling into the boot time it measures. (Runs after the bindings'
    /// re-establishment, <c>RailSteps</c>' among them: scoped types are taken in the order of their full names.)
    /// The time the completed steps had given the boot since the switch-on (under <see cref="BootTimeout"/>) is not
    /// given again: the next step finds the DUT at the start of its boot.
    /// </summary>
    public async Task ReestablishAsync(DateTimeOffset settingsRestoredAt, CancellationToken cancellationToken)
    {
        if (_settings.Count == 0 || !bench.HasRole(BenchRoles.Dut) || LeftBooting(settingsRestoredAt))
        {
            return;
        }

        foreach (var source in Sources)
        {
            if (!await source.IsOutputOnAsync(cancellationToken))
            {
                return;
            }
        }

        await WaitUntilUpAsync(bench, cancellationToken);
    }

    /// <summary>Waits up to <see cref="BootTimeout"/> until the DUT's agent reports it idle or running; true if it did.</summary>
    public static Task<bool> WaitUntilUpAsync(BenchSession bench, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        return bench.WaitUntilAsync(
            async ct => await agent.Instrument.GetStatusAsync(ct) is DutStatus.Idle or DutStatus.Running,
            TimeSpan.FromMilliseconds(250), BootTimeout, cancellationToken);
    }

    /// <summary>
    /// Waits until the DUT's agent reports it up (idle or running a workload). A DUT that does not come up
    /// within <see cref="BootTimeout"/> fails the step: its boot time is recorded against that limit, with what
    /// its agent reports.
    /// </summary>
    public async Task<TimeSpan> WaitForBootAsync(CancellationToken cancellationToken = default)
    {
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var started = bench.Clock.GetUtcNow();
        var status = DutStatus.Off;
        var up = await bench.WaitUntilAsync(
            async ct =>
            {
                status = await agent.Instrument.GetStatusAsync(ct);
                return status is DutStatus.Idle or DutStatus.Running;
            },
            TimeSpan.FromMilliseconds(250), BootTimeout, cancellationToken);
        var waited = bench.Clock.GetUtcNow() - started;
        _bootStartedAt = null;
        if (!up)
        {
            // Coming up is a precondition, recorded when it fails: a scenario that powers the DUT a thousand
            // times (recovering functional interrupts) would otherwise bury its results under boot times.
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"The DUT did not come up after switch-on: its agent reports it {status}.");
            results.Measure(
                "DUT boot time", new Quantity(waited.TotalSeconds, Units.Second), Limit.Below(new Quantity(BootTimeout.TotalSeconds, Units.Second)),
                BenchRoles.Dut, agent.InstrumentLabel, null,
                LimitSources.Procedure($"the bench waits {BootTimeout.TotalMinutes:0} min for a DUT it switched on to come up; one that has not is down (a precondition of the step, not a boot-time requirement)")).StopIfFailed();
        }

        return waited;
    }

    private List<RailSource> Resolve()
    {
        var sources = new List<RailSource>();
        var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
        if (supply.Rail is null)
        {
            throw new BenchConfigurationException(bench.Definition.File, $"$.roles['{BenchRoles.DutSupply}'].rail", "the DUT supply role must name the DUT rail it powers.");
        }

        sources.Add(RailSource.From(supply));
        if (bench.HasRole(BenchRoles.LatchupMonitor) && bench.Role<ILatchupMonitor>(BenchRoles.LatchupMonitor) is { Rail: not null } monitor)
        {
            sources.Add(RailSource.From(monitor));
        }

        return sources;
    }
}
