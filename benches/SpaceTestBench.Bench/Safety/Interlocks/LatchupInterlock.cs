using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Bench.Safety.Interlocks;

/// <summary>
/// Single-event latch-up (reference §2): the rail's current above its threshold (typically 1.5–2 × the
/// normal current), still above it after the hold time (so inrush does not trip it), means a latch; the
/// bench removes power at once, keeps it off for the power-off time, and restores the outputs the steps
/// had on. The response time, from the first reading above the threshold to power removed, is measured
/// and recorded with the event.
/// </summary>
internal sealed class LatchupInterlock(InterlockDefinition definition, BenchSession session) : Interlock(definition)
{
    // While the shutter is open the rail current is what is watched at the period; the shutter itself is read
    // again only this many periods after it was last seen open, to learn when fast watching may stop. Reading
    // it less often can only prolong fast watching, never delay it: a closed shutter is read at every
    // evaluation, and a command to the beam makes the monitor evaluate at once. It halves the exchanges of a
    // beam run, which is most of the main job's (docs/safety.md, "Cadence").
    private const int PeriodsBetweenShutterReadsUnderBeam = 10;

    private readonly double _threshold = definition.ThresholdAmperes ?? ThresholdFromProfile(definition, session);
    private bool? _onRequest;
    private IDisposable? _requests;
    private DateTimeOffset? _shutterSeenOpenAt;
    private int _requested;

    /// <summary>The current threshold in A.</summary>
    public double ThresholdAmperes => _threshold;

    public override bool WatchesCommandsTo(string role) =>
        base.WatchesCommandsTo(role) || role.Equals(BenchRoles.ParticleBeam, StringComparison.OrdinalIgnoreCase);

    public override async Task<TimeSpan> EvaluateAsync(InterlockContext context, CancellationToken cancellationToken)
    {
        if (_onRequest is null)
        {
            _requests = IsMonitor(Definition, context.Session) ? context.Session.WatchServiceRequests(Definition.Role, OnServiceRequest) : null;
            _onRequest = _requests is not null;
        }

        if (_onRequest == true)
        {
            return await EvaluateOnRequestAsync(context, cancellationToken);
        }

        if (Definition.ActiveWhen == InterlockActivity.Beam && context.Session.HasRole(BenchRoles.ParticleBeam) && !ShutterRecentlySeenOpen(context))
        {
            if (!await context.Session.Role<IParticleBeam>(BenchRoles.ParticleBeam).Instrument.IsShutterOpenAsync(cancellationToken))
            {
                // Heavy ions cause the latch; with the shutter closed there is nothing to watch closely.
                _shutterSeenOpenAt = null;
                return Definition.IdlePeriod;
            }

            _shutterSeenOpenAt = context.Clock.GetUtcNow();
        }

        var firstBench = context.Clock.GetUtcNow();
        var firstWall = TimeProvider.System.GetTimestamp();
        var current = await MeasureAsync(context, cancellationToken);
        if (current <= _threshold)
        {
            return Definition.Period;
        }

        if (Definition.Hold > TimeSpan.Zero)
        {
            await context.WaitAsync(Definition.Hold, cancellationToken);
            var again = await MeasureAsync(context, cancellationToken);
            if (again <= _threshold)
            {
                return Definition.Period;
            }

            current = Math.Max(current, again);
        }

        await RespondAsync(context, current, firstBench, firstWall, cancellationToken);
        return Definition.Period;
    }

    /// <summary>
    /// The instrument watches its rail itself: armed with the threshold (at the first evaluation and at every
    /// command to the beam or the rail by a step, which a reboot or reset of the instrument cannot then outlast),
    /// it requests service the instant the current rises above it, and only then is anything read: the request's
    /// event (which re-arms it), the shutter when the interlock is active under the beam only, the current, and
    /// again after the hold, before the same response as a polled trip. Between requests the interlock costs no
    /// exchange at all. The request cannot be overtaken by a jump of bench time: the simulator holds time at its
    /// instant until <see cref="OnServiceRequest"/> has woken the monitor (docs/safety.md, "Cadence").
    /// </summary>
    private async Task<TimeSpan> EvaluateOnRequestAsync(InterlockContext context, CancellationToken cancellationToken)
    {
        var monitor = context.Session.Role<ILatchupMonitor>(Definition.Role).Instrument;
        if (Interlocked.Exchange(ref _requested, 0) == 0)
        {
            // Not a request: the first evaluation, a step's command to the beam or the rail, or the idle period.
            // Read the arming back and arm again only if the instrument forgot it (a reboot or reset): one exchange
            // where arming is two, and most wake-ups are the steps' own commands to the rail, which leave it armed
            // (arming is the monitor's own command, which does not bring it back here).
            if (!await monitor.IsOverCurrentRequestArmedAsync(_threshold, cancellationToken))
            {
                await monitor.ArmOverCurrentRequestAsync(_threshold, cancellationToken);
            }

            return Definition.IdlePeriod;
        }

        var firstBench = context.Clock.GetUtcNow();
        var firstWall = TimeProvider.System.GetTimestamp();
        if (!await monitor.ReadOverCurrentEventAsync(cancellationToken))
        {
            return Definition.IdlePeriod;
        }

        if (Definition.ActiveWhen == InterlockActivity.Beam && context.Session.HasRole(BenchRoles.ParticleBeam)
            && !await context.Session.Role<IParticleBeam>(BenchRoles.ParticleBeam).Instrument.IsShutterOpenAsync(cancellationToken))
        {
            // Active under the beam only: a rail above the threshold with the shutter closed (an inrush) is not its hazard.
            return Definition.IdlePeriod;
        }

        var current = await MeasureAsync(context, cancellationToken);
        if (current > _threshold && Definition.Hold > TimeSpan.Zero)
        {
            await context.WaitAsync(Definition.Hold, cancellationToken);
            var again = await MeasureAsync(context, cancellationToken);
            current = again > _threshold ? Math.Max(current, again) : again;
        }

        if (current > _threshold)
        {
            await RespondAsync(context, current, firstBench, firstWall, cancellationToken);
        }

        return Definition.IdlePeriod;
    }

    /// <summary>The instrument requests service: note it and wake the monitor (which then evaluates this interlock before it sleeps again).</summary>
    private void OnServiceRequest()
    {
        Interlocked.Exchange(ref _requested, 1);
        Wake();
    }

    public override void StopWatching() => Interlocked.Exchange(ref _requests, null)?.Dispose();

    private static bool IsMonitor(InterlockDefinition definition, BenchSession session) =>
        session.Definition.Roles.TryGetValue(definition.Role, out var role) && role.Name.Equals(BenchRoles.LatchupMonitor, StringComparison.OrdinalIgnoreCase);

    private bool ShutterRecentlySeenOpen(InterlockContext context) =>
        _shutterSeenOpenAt is { } seen && context.Clock.GetUtcNow() - seen < Definition.Period * PeriodsBetweenShutterReadsUnderBeam;

    private async Task RespondAsync(InterlockContext context, double current, DateTimeOffset firstBench, long firstWall, CancellationToken cancellationToken)
    {
        var action = context.Safety.ActionFor(Definition);
        var power = PowerRoles(context.Session);
        // What the steps had switched on, to switch back on after the cycle.
        var wasOn = context.Safety.Journal.Entries
            .Where(e => e.Operation == nameof(IDcPowerSupply.SetOutputAsync) && power.Contains(e.Role, StringComparer.OrdinalIgnoreCase) && e.Arguments[^1].GetBoolean())
            .ToList();
        TimeSpan responseTime;
        TimeSpan ioWallTime;
        using (context.Safety.Respond())
        {
            // The latched rail first: its source is the one feeding the latch.
            foreach (var role in power.OrderBy(r => r.Equals(Definition.Role, StringComparison.OrdinalIgnoreCase) ? 0 : 1))
            {
                await SwitchAsync(context.Session, role, on: false, cancellationToken);
            }

            responseTime = context.Since(firstBench, firstWall);
            ioWallTime = context.IoWallSince(firstWall);
            if (action == InterlockAction.Continue)
            {
                await context.WaitAsync(Definition.PowerOff, cancellationToken);
                foreach (var entry in wasOn)
                {
                    await SwitchAsync(context.Session, entry.Role, on: true, cancellationToken);
                }
            }
        }

        var trip = new InterlockTrip(
            Definition.Name, Definition.Kind, Definition.Role, firstBench, Quantity.FromSi(current, Units.Parse("mA")), Quantity.FromSi(_threshold, Units.Parse("mA")),
            action == InterlockAction.Continue ? $"power cycle ({Definition.PowerOff.TotalMilliseconds:0} ms off)" : "power off and safe state",
            responseTime, action)
        {
            AllowedResponseTime = Definition.ResponseTime,
            IoWallTime = ioWallTime,
        };
        context.Safety.Add(trip, new Dictionary<string, Quantity>
        {
            ["latch-up current"] = trip.Reading,
            ["threshold"] = trip.Limit,
            ["response time"] = new(responseTime.TotalMilliseconds, Units.Parse("ms")),
            ["power-off time"] = new(Definition.PowerOff.TotalMilliseconds, Units.Parse("ms")),
        });
        if (action == InterlockAction.Stop)
        {
            using (context.Safety.Respond())
            {
                await context.SafeStateAsync($"the {Definition.Name} interlock tripped at {trip.Reading}", cancellationToken);
            }

            context.Safety.Abort(trip);
        }
    }

    private Task<double> MeasureAsync(InterlockContext context, CancellationToken cancellationToken)
    {
        if (context.Session.Definition.Roles[Definition.Role].Name.Equals(BenchRoles.LatchupMonitor, StringComparison.OrdinalIgnoreCase))
        {
            return context.Session.Role<ILatchupMonitor>(Definition.Role).Instrument.MeasureCurrentAsync(cancellationToken);
        }

        var supply = context.Session.Role<IDcPowerSupply>(Definition.Role);
        return supply.Instrument.MeasureCurrentAsync(supply.Channel, cancellationToken);
    }

    private static string[] PowerRoles(BenchSession session) =>
        [.. new[] { BenchRoles.LatchupMonitor, BenchRoles.DutSupply }.Where(session.HasRole)];

    private static Task SwitchAsync(BenchSession session, string role, bool on, CancellationToken cancellationToken)
    {
        if (role.Equals(BenchRoles.LatchupMonitor, StringComparison.OrdinalIgnoreCase))
        {
            return session.Role<ILatchupMonitor>(role).Instrument.SetOutputAsync(on, cancellationToken);
        }

        var supply = session.Role<IDcPowerSupply>(role);
        return supply.Instrument.SetOutputAsync(supply.Channel, on, cancellationToken);
    }

    private static double ThresholdFromProfile(InterlockDefinition definition, BenchSession session)
    {
        var role = session.Definition.Roles[definition.Role];
        var rail = role.Rail ?? throw new BenchConfigurationException(
            session.Definition.File, $"$.safety.interlocks['{definition.Name}'].thresholdRatio",
            $"a threshold ratio needs the DUT rail of the {role.Name} role; give the role a \"rail\" or the interlock a \"threshold\" current.");
        var highest = session.Dut.Rail(rail).SupplyCurrent.UpperSi ?? throw new BenchConfigurationException(
            session.Dut.File, $"$.supplies.{rail}.supplyCurrent", "a latch-up threshold ratio needs the rail's highest normal current (\"max\").");
        return highest * definition.ThresholdRatio!.Value;
    }
}
