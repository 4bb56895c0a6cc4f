namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// The DUT's own over-current protection on its rails, the overload a bench can put across a rail (the test agent's
/// fault load on the carrier board, downstream of the protection), and the damage an unprotected surge leaves.
/// Damage is the DUT's physical state: it persists across power cycles and, captured with the rest, across resume.
/// </summary>
internal sealed partial class DutModel
{
    private readonly Dictionary<string, RailProtectionState> _protection = new(StringComparer.Ordinal);

    /// <summary>The rails whose protected path a surge beyond its rating damaged (the simulation's truth; a restored state sets it).</summary>
    public string[] DamagedRails { get; private set; } = [];

    /// <summary>The fault loads across the rails now, Ω by rail.</summary>
    public IReadOnlyDictionary<string, double> Overloads =>
        _protection.Where(p => p.Value.FaultOhms is not null).ToDictionary(p => p.Key, p => p.Value.FaultOhms!.Value, StringComparer.Ordinal);

    /// <summary>Puts a resistive fault of <paramref name="ohms"/> across <paramref name="rail"/> (replacing one already there).</summary>
    public void ApplyOverload(string rail, double ohms)
    {
        if (!_rails.ContainsKey(rail))
        {
            throw new ArgumentException($"The DUT has no rail '{rail}'; rails: {string.Join(", ", _rails.Keys)}.", nameof(rail));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ohms);
        Protection(rail).FaultOhms = ohms;
    }

    /// <summary>Takes every fault load off.</summary>
    public void RemoveOverloads()
    {
        foreach (var state in _protection.Values)
        {
            state.FaultOhms = null;
        }
    }

    /// <summary>Whether the rail's protection has switched it off (its input open: the rail draws nothing).</summary>
    public bool RailSwitchedOff(string rail) => _protection.TryGetValue(rail, out var state) && state.OffSince is not null;

    /// <summary>Whether the rail delivers its voltage to the die: not switched off, and not held in its limiter by a demand beyond it.</summary>
    private bool RailDelivers(string rail, RailConnection connection, double volts) =>
        !RailSwitchedOff(rail)
        && !(Spec.Protections.TryGetValue(rail, out var spec) && spec.LimitAmperes is { } limit && connection.Load.Demand(volts) > limit);

    /// <summary>
    /// Applies the protections' transitions due at <paramref name="t"/>: a rail whose current has been above its trip
    /// current for the response time is switched off; an auto-retrying one switched off for its retry period comes
    /// back; power removed from a rail's input resets its protection. A surge beyond the path's rating damages it.
    /// </summary>
    private void SettleProtection(double t, DateTimeOffset now)
    {
        foreach (var (rail, spec) in Spec.Protections)
        {
            if (!_rails.TryGetValue(rail, out var connection) || connection.Source is not { } source)
            {
                continue;
            }

            // The rail's decoupling sits ahead of the protection (the unit's input filter): the protection and the path it
            // protects carry what the die and a fault draw at the rail's voltage, not the supply's inrush into that capacitance.
            var state = Protection(rail);
            var volts = source.OperatingPoint(now).Volts;
            var amperes = connection.Load.CurrentAt(volts, now);
            if (volts <= 0)
            {
                // The protection's controller runs from the rail's input: with no input it forgets it tripped.
                state.OffSince = null;
                state.AboveTripSince = null;
            }

            if (state.OffSince is { } off)
            {
                if (spec.Recovery != ProtectionRecovery.AutoRetry || t < off + spec.RetrySeconds - 1e-12)
                {
                    continue;
                }

                state.OffSince = null;
                amperes = connection.Load.CurrentAt(volts, now);
            }

            if (amperes > spec.TripAmperes)
            {
                state.AboveTripSince ??= t;
                if (t >= state.AboveTripSince.Value + spec.ResponseSeconds - 1e-12)
                {
                    state.OffSince = t;
                    state.AboveTripSince = null;
                }
            }
            else
            {
                state.AboveTripSince = null;
            }
        }
    }

    /// <summary>Records each protected rail's current for the step ahead, and damages a path whose surge has reached its rating.</summary>
    private void SettleSurge(string rail, double amperes)
    {
        if (!Spec.Protections.TryGetValue(rail, out var spec))
        {
            return;
        }

        var state = Protection(rail);
        state.Amperes = amperes;
        if (amperes <= spec.ContinuousAmperes)
        {
            state.Surge = 0;
        }

        if (state.Surge >= spec.SurgeRating * (1 - 1e-9) && !DamagedRails.Contains(rail))
        {
            DamagedRails = [.. DamagedRails, rail];
        }
    }

    /// <summary>The next protection transition or surge damage due after <paramref name="t"/>, or +∞.</summary>
    private double NextProtectionEvent(double t)
    {
        var next = double.PositiveInfinity;
        foreach (var (rail, spec) in Spec.Protections)
        {
            if (!_protection.TryGetValue(rail, out var state))
            {
                continue;
            }

            if (state.AboveTripSince is { } since)
            {
                next = Math.Min(next, since + spec.ResponseSeconds);
            }

            if (state.OffSince is { } off && spec.Recovery == ProtectionRecovery.AutoRetry)
            {
                next = Math.Min(next, off + spec.RetrySeconds);
            }

            var heating = (state.Amperes * state.Amperes) - (spec.ContinuousAmperes * spec.ContinuousAmperes);
            if (heating > 0 && !DamagedRails.Contains(rail) && double.IsFinite(spec.SurgeRating))
            {
                next = Math.Min(next, t + (Math.Max(0, spec.SurgeRating - state.Surge) / heating));
            }
        }

        // Strictly after t: a transition due within t's rounding (nanoseconds, once a campaign is months long) would otherwise be due at t for ever.
        return double.IsFinite(next) ? Math.Max(next, Math.BitIncrement(t)) : next;
    }

    /// <summary>Integrates the heat each protected path takes above its continuous rating over <paramref name="dt"/>.</summary>
    private void AdvanceSurge(double dt)
    {
        foreach (var (rail, spec) in Spec.Protections)
        {
            if (_protection.TryGetValue(rail, out var state) && state.Amperes > spec.ContinuousAmperes)
            {
                state.Surge += ((state.Amperes * state.Amperes) - (spec.ContinuousAmperes * spec.ContinuousAmperes)) * dt;
            }
        }
    }

    private RailProtectionState Protection(string rail)
    {
        if (!_protection.TryGetValue(rail, out var state))
        {
            state = new RailProtectionState();
            _protection[rail] = state;
        }

        return state;
    }

    /// <summary>One rail's protection: the fault across it, since when its current is above the trip, since when it is off, and the surge heat so far.</summary>
    private sealed class RailProtectionState
    {
        public double? FaultOhms { get; set; }

        public double? AboveTripSince { get; set; }

        public double? OffSince { get; set; }

        public double Amperes { get; set; }

        public double Surge { get; set; }
    }
}
