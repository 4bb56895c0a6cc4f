using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation.Dut;

/// <summary>How the DUT's state evolves: discrete transitions, single-event processes, continuous drift.</summary>
internal sealed partial class DutModel
{
    /// <summary>
    /// The single-event processes, indices into the hazard table. <see cref="Latchup"/> is the first latch-up path's;
    /// path i of <see cref="SingleEventSpec.Latchups"/> is process <c>Latchup + i</c>, each drawn on its own.
    /// </summary>
    public enum Process
    {
        Upset,
        FunctionalInterrupt,
        BeamCorruption,
        DoseCorruption,
        Latchup,
    }

    /// <summary>Applies the transitions due at <paramref name="t"/> (s since the facility started).</summary>
    public void Settle(double t, DateTimeOffset now, OpticalConditions optical)
    {
        PowerWatts = 0;
        _temperatureSensitiveWatts = 0;
        var powered = true;
        SettleProtection(t, now);
        foreach (var (name, connection) in _rails)
        {
            var (volts, amperes, inLimit) = connection.Source is { } source
                ? source.OperatingPoint(now)
                : (connection.Load.Load.NominalVolts, connection.Load.CurrentAt(connection.Load.Load.NominalVolts, now), false);
            PowerWatts += volts * amperes;
            _temperatureSensitiveWatts += TemperatureSensitiveWatts(name, connection, volts, inLimit);
            SettleSurge(name, connection.Source is null ? amperes : connection.Load.CurrentAt(volts, now));
            powered &= volts >= connection.Load.Load.PowerOnResetVolts && (connection.Source is null || RailDelivers(name, connection, volts));
            if (TotalDose is { } tid && tid.LeakageRail == name)
            {
                _biasVolts = volts;
            }
        }

        if (powered && !Powered)
        {
            Powered = true;
            Boot(t);
        }
        else if (!powered && Powered)
        {
            Powered = false;
            Workload = WorkloadKind.None;
            Hung = false;
            LinkState = LinkState.Idle;
        }

        SettleLatch(t, now);
        SettleLink(t, optical);
    }

    /// <summary>The next time something is due on its own (boot done, burnout, lock), or +∞.</summary>
    public double NextScheduled(double t)
    {
        var next = NextProtectionEvent(t);
        if (Powered && BootUntil > t)
        {
            next = BootUntil;
        }

        foreach (var latch in _latches)
        {
            if (latch.Latched && latch.Spec.BurnoutSeconds is { } burnout && !BurntOut)
            {
                next = Math.Min(next, latch.Start + burnout);
            }
        }

        if (LinkState == LinkState.Searching && _signalSince is { } since && Spec.OpticalTerminal is { } terminal)
        {
            next = Math.Min(next, since + terminal.AcquisitionSeconds);
        }

        return next;
    }

    /// <summary>The longest step over which the DUT's temperature-dependent rates can be held constant.</summary>
    public double SuggestedStep(double environmentKelvin, bool vacuum)
    {
        if (Spec.Thermal is not { } thermal)
        {
            return double.PositiveInfinity;
        }

        var equilibrium = environmentKelvin + (thermal.CaseToAmbientKelvinPerWatt * PowerWatts);
        var tau = vacuum ? thermal.VacuumTimeConstantSeconds : thermal.CaseTimeConstantSeconds;
        return Math.Abs(equilibrium - CaseKelvin) > 0.05 ? tau / 8 : double.PositiveInfinity;
    }

    /// <summary>Event rates of every process in this step, s⁻¹.</summary>
    public double[] Rates(Exposure exposure, double t, DateTimeOffset now)
    {
        var rates = new double[_remainingHazard.Length];
        var operational = Powered && !Failed && !Hung && t >= BootUntil;
        var inferring = operational && Workload == WorkloadKind.Inference;
        if (SingleEvents is { } see)
        {
            var (upsets, interrupts, corruptions) = FieldRates(see, exposure);
            if (Powered && see.Upset is not null)
            {
                rates[(int)Process.Upset] = upsets;
            }

            if (operational)
            {
                rates[(int)Process.FunctionalInterrupt] = interrupts;
            }

            if (inferring)
            {
                rates[(int)Process.BeamCorruption] = corruptions;
            }

            for (var i = 0; i < _latches.Length && !BurntOut && !exposure.IsProton && exposure.FluxOnDie > 0; i++)
            {
                // Each rail's thyristor triggers at its own threshold, from its own rail's voltage; one already latched cannot latch again.
                var latchup = _latches[i].Spec;
                var volts = RailVolts(latchup.Rail, now);
                if (!_latches[i].Latched && volts > latchup.HoldingVolts)
                {
                    rates[(int)Process.Latchup + i] = latchup.At(JunctionKelvin, volts).At(exposure.EffectiveLet) * exposure.FluxOnDie;
                }
            }
        }

        if (inferring && TotalDose is { CorruptionOnsetDoseRad: { } onset } tid && DoseRad > onset)
        {
            var probability = Math.Min(1, tid.CorruptionProbabilityPerRad * (DoseRad - onset));
            rates[(int)Process.DoseCorruption] = Spec.Workload.InferencesPerSecond * probability;
        }

        return rates;
    }

    /// <summary>
    /// The upset, functional-interrupt and data-corruption rates <paramref name="exposure"/> gives (the upset rate for all
    /// the part's bits), whether or not the part's state lets each process run now. They depend on the field alone, which
    /// stands still for the whole of an irradiation while the steps between its events are many: the last rates are kept
    /// with the exposure they are for and reused only when every term of it <see cref="Exposure.Rate"/> reads is the same, bit for bit
    /// (the dose rate is not one).
    /// </summary>
    private (double Upsets, double Interrupts, double Corruptions) FieldRates(SingleEventSpec see, Exposure exposure)
    {
        if (_fieldRatesExposure is not { } known || !SameBits(known, exposure))
        {
            _fieldRates = (see.Upset is { } upset ? see.UpsetBits * exposure.Rate(upset) : 0, exposure.Rate(see.FunctionalInterrupt), exposure.Rate(see.DataCorruption));
            _fieldRatesExposure = exposure;
        }

        return _fieldRates;
    }

    private static bool SameBits(Exposure a, Exposure b) =>
        BitConverter.DoubleToInt64Bits(a.FluxOnDie) == BitConverter.DoubleToInt64Bits(b.FluxOnDie)
        && BitConverter.DoubleToInt64Bits(a.BeamFlux) == BitConverter.DoubleToInt64Bits(b.BeamFlux)
        && BitConverter.DoubleToInt64Bits(a.EffectiveLet) == BitConverter.DoubleToInt64Bits(b.EffectiveLet)
        && a.IsProton == b.IsProton
        && BitConverter.DoubleToInt64Bits(a.EnergyMeV) == BitConverter.DoubleToInt64Bits(b.EnergyMeV);

    /// <summary>The first event within <paramref name="step"/> at these rates, if any, and its offset.</summary>
    public (Process Process, double Offset)? FirstEvent(double[] rates, double step)
    {
        (Process, double)? first = null;
        for (var i = 0; i < rates.Length; i++)
        {
            if (rates[i] <= 0)
            {
                continue;
            }

            var offset = _remainingHazard[i] / rates[i];
            if (offset <= step && (first is null || offset < first.Value.Item2))
            {
                first = ((Process)i, offset);
            }
        }

        return first;
    }

    /// <summary>Integrates the continuous state over <paramref name="dt"/> seconds.</summary>
    public void Advance(double dt, double t, double[] rates, Exposure exposure, double environmentKelvin, bool vacuum)
    {
        for (var i = 0; i < rates.Length; i++)
        {
            _remainingHazard[i] -= rates[i] * dt;
        }

        AdvanceThermal(dt, environmentKelvin, vacuum);
        AdvanceDose(dt, exposure.DoseRate);
        AdvanceSurge(dt);
        if (Powered && !Failed && !Hung && t >= BootUntil && Workload == WorkloadKind.Inference)
        {
            _inferenceFraction += Spec.Workload.InferencesPerSecond * dt;
            var whole = Math.Floor(_inferenceFraction);
            _inferenceFraction -= whole;
            Counters = Counters with { Inferences = Counters.Inferences + (long)whole };
        }
    }

    /// <summary>
    /// Integrates a sample that sits on the irradiation board instead of the test station over <paramref name="dt"/>:
    /// its rails held at <paramref name="biasVolts"/> by the board (a rail it does not name is grounded), in the
    /// field at <paramref name="doseRate"/> (0 outside it), at <paramref name="environmentKelvin"/>. It self-heats
    /// at its bias and its trapped charge grows with the damage factor of that bias; no single events are drawn.
    /// </summary>
    public void AdvanceOnBoard(double dt, double doseRate, double environmentKelvin, bool vacuum, IReadOnlyDictionary<string, double> biasVolts, DateTimeOffset now)
    {
        PowerWatts = 0;
        _temperatureSensitiveWatts = 0;
        foreach (var (name, connection) in _rails)
        {
            var volts = biasVolts.GetValueOrDefault(name);
            PowerWatts += volts * connection.Load.CurrentAt(volts, now);
            _temperatureSensitiveWatts += TemperatureSensitiveWatts(name, connection, volts, sourceInLimit: false);
        }

        _biasVolts = TotalDose is { } tid ? biasVolts.GetValueOrDefault(tid.LeakageRail) : 0;
        AdvanceThermal(dt, environmentKelvin, vacuum);
        AdvanceDose(dt, doseRate);
    }

    /// <summary>Applies an event of <paramref name="process"/> at time <paramref name="t"/>.</summary>
    public void Apply(Process process, double t)
    {
        var number = ++_eventNumbers[(int)process];
        _remainingHazard[(int)process] = RandomStreams.Exponential(_events, (int)process, 2 * number);
        switch (process)
        {
            case Process.Upset:
                Counters = Counters with { Upsets = Counters.Upsets + 1 };
                break;
            case Process.FunctionalInterrupt:
                Counters = Counters with { FunctionalInterrupts = Counters.FunctionalInterrupts + 1 };
                Hang(RandomStreams.Uniform(_events, (int)process, (2 * number) + 1) < (SingleEvents?.SoftResetRecoveryFraction ?? 1));
                break;
            case Process.BeamCorruption or Process.DoseCorruption:
                Counters = Counters with { Mismatches = Counters.Mismatches + 1 };
                break;
            case >= Process.Latchup:
                LatchUp(process - Process.Latchup, t);
                break;
        }
    }

    /// <summary>
    /// The part of a rail's power that the leakage's temperature factor scales, W: its leakage at <paramref name="volts"/>
    /// times the factor, where the rail's current follows its demand; none where a current limit (the supply's, or the
    /// DUT's own protection) holds it, or the protection has opened it, since more leakage cannot draw more there.
    /// </summary>
    private double TemperatureSensitiveWatts(string rail, RailConnection connection, double volts, bool sourceInLimit)
    {
        if (volts <= 0 || sourceInLimit || RailSwitchedOff(rail) || BurntOutJunctionKelvin is not null)
        {
            return 0;
        }

        if (Spec.Protections.TryGetValue(rail, out var protection) && protection.LimitAmperes is { } limit && connection.Load.Demand(volts) >= limit)
        {
            return 0;
        }

        return volts * connection.Load.LeakageAt(volts) * LeakageTemperatureFactor;
    }

    private void AdvanceThermal(double dt, double environmentKelvin, bool vacuum)
    {
        if (Spec.Thermal is not { } thermal)
        {
            CaseKelvin = environmentKelvin;
            return;
        }

        // First-order lag with a constant input over the step: exact.
        var equilibrium = environmentKelvin + (thermal.CaseToAmbientKelvinPerWatt * PowerWatts);
        var tau = vacuum ? thermal.VacuumTimeConstantSeconds : thermal.CaseTimeConstantSeconds;
        CaseKelvin = equilibrium + ((CaseKelvin - equilibrium) * Math.Exp(-dt / tau));
        if (!BurntOut && JunctionKelvin > thermal.MaximumJunctionKelvin && RunningAway(thermal, environmentKelvin))
        {
            // Past its maximum junction temperature in a runaway the die cannot come back below it: it is destroyed
            // there (metallization and junctions fail; the model does not follow it to the temperature it melts at).
            BurntOut = true;
            BurntOutJunctionKelvin = JunctionKelvin;
        }
    }

    /// <summary>
    /// Whether the junction runs away: with the rails' voltages held, the junction's steady temperature at power P(T) is
    /// T_env + (θ_ca + θ_jc)·P(T), and P(T) = P_other + P_leak·2^((T − T_ref)/T_d) is convex in T. So if at the junction's
    /// temperature now the steady temperature lies above it (still heating) and the loop gain
    /// (θ_ca + θ_jc)·dP/dT = (θ_ca + θ_jc)·P_leak·ln 2/T_d is at least 1, it lies above every higher temperature too:
    /// there is no equilibrium to settle at, and the temperature grows without bound. Where a current limit holds a
    /// rail, its leakage adds no power (<see cref="TemperatureSensitiveWatts"/>) and a runaway stops there.
    /// </summary>
    private bool RunningAway(DutThermalSpec thermal, double environmentKelvin)
    {
        var resistance = thermal.CaseToAmbientKelvinPerWatt + thermal.JunctionToCaseKelvinPerWatt;
        var loopGain = resistance * _temperatureSensitiveWatts * Math.Log(2) / thermal.LeakageDoublingKelvin;
        return loopGain >= 1 && environmentKelvin + (resistance * PowerWatts) > JunctionKelvin;
    }

    private void AdvanceDose(double dt, double doseRate)
    {
        DoseRad += doseRate * dt;
        if (TotalDose is not { } tid)
        {
            return;
        }

        // dD_ot/dt = b·Ḋ − D_ot/τ, integrated exactly for constant Ḋ and τ over the step; b from the bias the
        // leakage rail sat at when the step began (0 V until the DUT was first evaluated with its rails).
        var bias = tid.DamageFactorAt(_biasVolts, Spec.SupplyLoads[tid.LeakageRail].NominalVolts);
        var source = bias * doseRate;
        var tau = tid.AnnealTimeConstantAt(JunctionKelvin);
        var before = OxideTrappedRad;
        var steady = source * tau;
        OxideTrappedRad = steady + ((before - steady) * Math.Exp(-dt / tau));
        var annealed = (source * dt) - (OxideTrappedRad - before);
        InterfaceTrapRad += (tid.InterfaceTrapFraction * source * dt) + (tid.ReboundFraction * annealed);
    }
}
