using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>Which protection tripped an output off.</summary>
[Flags]
public enum SupplyTrip
{
    /// <summary>Not tripped.</summary>
    None = 0,

    /// <summary>Over-voltage protection.</summary>
    OverVoltage = 1,

    /// <summary>Over-current protection (or electronic fuse).</summary>
    OverCurrent = 2,
}

/// <summary>
/// One output of a simulated constant-voltage/constant-current supply or source-measure unit. Sourcing
/// voltage, it holds the programmed voltage unless the load would draw more than the current limit; then it
/// regulates current and the voltage falls to where the load draws exactly the limit (CC mode, "in limit").
/// Sourcing current (an SMU), it drives the programmed current unless that needs more than the voltage
/// limit; then it holds the voltage limit ("in limit", compliance). Over-voltage protection trips the output off when the output would exceed its level;
/// over-current protection (when enabled) trips it off after the output has been in CC for its delay.
/// A tripped output stays off until the protection is cleared.
/// </summary>
public sealed class SimulatedSupplyChannel(double maxVolts, double maxAmperes)
{
    // Longest look-ahead for the end of a capacitive inrush; a charge that takes longer is a steady CC state.
    private const double InrushHorizonSeconds = 10;
    private double? _constantCurrentSince;
    private InrushForecast? _inrushForecast;
    private double _capacitorVolts;
    private DateTimeOffset? _capacitorTime;
    private IElectricalLoad? _steadyLoad;
    private double _steadyVoltageSetting;
    private double _steadyCurrentLimit;
    private long _steadyAtTicks;
    private (double Volts, double Amperes, bool InLimit) _steadyPoint;

    /// <summary>Highest programmable voltage.</summary>
    public double MaxVolts { get; } = maxVolts;

    /// <summary>Highest programmable current limit.</summary>
    public double MaxAmperes { get; } = maxAmperes;

    /// <summary>Programmed voltage.</summary>
    public double VoltageSetting { get; set; }

    /// <summary>Programmed current limit.</summary>
    public double CurrentLimit { get; set; } = maxAmperes;

    /// <summary>True when sourcing current (an SMU in current-source mode).</summary>
    public bool SourcesCurrent { get; set; }

    /// <summary>Programmed current when sourcing current, A.</summary>
    public double CurrentSetting { get; set; }

    /// <summary>Voltage limit when sourcing current, V.</summary>
    public double VoltageLimit { get; set; } = maxVolts;

    /// <summary>Output relay state.</summary>
    public bool OutputOn { get; set; }

    /// <summary>What is wired to the output terminals.</summary>
    public IElectricalLoad? Load { get; set; }

    /// <summary>Over-voltage protection level, V.</summary>
    public double OverVoltageLevel { get; set; } = maxVolts * 1.1;

    /// <summary>Whether over-current protection (an electronic fuse) is armed.</summary>
    public bool OverCurrentProtection { get; set; }

    /// <summary>How long the output may sit in CC before over-current protection trips, s.</summary>
    public double OverCurrentDelaySeconds { get; set; }

    /// <summary>
    /// How far the output's current readings stand off the true current, A: zero for a meter inside its calibration;
    /// an injected calibration shift (<see cref="Faults.InstrumentFaultKind.CurrentReadingShift"/>) adds to it. A
    /// reset leaves it, as *RST leaves a real meter's calibration.
    /// </summary>
    public double CurrentReadingOffset { get; set; }

    /// <summary>The current the output's meter reads at <paramref name="now"/> before its noise: the true current plus <see cref="CurrentReadingOffset"/>.</summary>
    public double ReadCurrent(DateTimeOffset now) => OperatingPoint(now).Amperes + CurrentReadingOffset;

    /// <summary>The protection that tripped the output, if any.</summary>
    public SupplyTrip Tripped { get; private set; }

    /// <summary>Terminal voltage and current at bench time <paramref name="now"/>.</summary>
    /// <remarks>
    /// A load with input capacitance C is charged through the output at switch-on (or when the setting
    /// rises): the supply sits in its current limit while dV/dt = (I_limit − I_load(V))/C, then regulates.
    /// Falling settings discharge into the load at once.
    /// </remarks>
    public (double Volts, double Amperes, bool InLimit) OperatingPoint(DateTimeOffset now)
    {
        if (!OutputOn)
        {
            _capacitorVolts = 0;
            _capacitorTime = null;
            return (0, 0, false);
        }

        if (SourcesCurrent)
        {
            return CurrentSourcePoint(now);
        }

        if (Load is null)
        {
            return (VoltageSetting, 0, false);
        }

        // One solve at one instant: the load held as it is now, its steady point found once for the inrush and the answer.
        var load = Load.HeldAt(now);
        var steady = SteadyPoint(load, now);
        if (load.CapacitanceFarads > 0 && Charging(load, steady.Volts, now) is { } inrush)
        {
            return inrush;
        }

        return steady;
    }

    /// <summary>
    /// When the inrush now under way will have charged the load's capacitance, as seconds of bench time
    /// (<paramref name="t"/> + the charge time), or +∞ if nothing is charging: the facility steps to it, so
    /// the DUT sees its rail come up when it does.
    /// </summary>
    public double ChargeCompleteAt(double t, DateTimeOffset now)
    {
        if (!OutputOn || SourcesCurrent || Load is not { CapacitanceFarads: > 0 })
        {
            return double.PositiveInfinity;
        }

        var load = Load.HeldAt(now);
        var steady = SteadyPoint(load, now).Volts;
        if (Charging(load, steady, now) is null)
        {
            return double.PositiveInfinity;
        }

        var seconds = InrushTime(load, steady, now);
        // Strictly after t: a charge ending within t's rounding (nanoseconds, once a campaign is months long) would
        // otherwise be due at t itself for ever, and the world could not step past it.
        return seconds < InrushHorizonSeconds ? Math.Max(t + seconds, Math.BitIncrement(t)) : double.PositiveInfinity;
    }

    /// <summary>
    /// How long the charge from where it stands now would take (up to the horizon). The world settles several times at one
    /// instant (a command's evaluation, the settle after it, the clock's look-ahead), each time asking this again of an
    /// unchanged charge; the answer is kept with everything it was computed from and reused only when all of it is the
    /// same, bit for bit. Anything else (the capacitor's voltage, the target, the limit, the load's state, the instant)
    /// computes it afresh.
    /// </summary>
    private double InrushTime(IElectricalLoad load, double steady, DateTimeOffset now)
    {
        if (_inrushForecast is { } known && known.Matches(_capacitorVolts, steady, CurrentLimit, load, now))
        {
            return known.Seconds;
        }

        var volts = _capacitorVolts;
        var seconds = Charge(load, ref volts, InrushHorizonSeconds, steady, now);
        _inrushForecast = new InrushForecast(_capacitorVolts, steady, CurrentLimit, load, now, seconds);
        return seconds;
    }

    /// <summary>Charges the load's capacitance up to <paramref name="now"/> toward <paramref name="steady"/> volts; the inrush point while it is still charging, else null.</summary>
    private (double Volts, double Amperes, bool InLimit)? Charging(IElectricalLoad load, double steady, DateTimeOffset now)
    {
        var since = _capacitorTime ?? now;
        _capacitorTime = now;
        if (now > since && _capacitorVolts < steady)
        {
            Charge(load, ref _capacitorVolts, (now - since).TotalSeconds, steady, now);
        }

        if (_capacitorVolts >= steady * (1 - 1e-9))
        {
            _capacitorVolts = steady;
            return null;
        }

        return (_capacitorVolts, CurrentLimit, true);
    }

    /// <summary>Charges the load's capacitance from <paramref name="volts"/> toward <paramref name="target"/> for up to <paramref name="seconds"/>; returns the time it took.</summary>
    private double Charge(IElectricalLoad load, ref double volts, double seconds, double target, DateTimeOffset now)
    {
        var elapsed = 0.0;
        var step = Math.Max(target * 1e-3, 1e-6);
        while (elapsed < seconds && volts < target)
        {
            var net = CurrentLimit - load.CurrentAt(volts, now);
            if (net <= 0)
            {
                volts = target;
                break;
            }

            var dt = Math.Min(seconds - elapsed, load.CapacitanceFarads * Math.Min(step, target - volts) / net);
            volts = Math.Min(target, volts + (net * dt / load.CapacitanceFarads));
            elapsed += dt;
        }

        return elapsed;
    }

    /// <summary>
    /// Where the output regulates with <paramref name="load"/> held as it is at <paramref name="now"/>. The world settles
    /// several times at one instant and every settle asks each output for its operating point several times (its
    /// protection, its inrush, each rail's power and delivery, a watch for a service request), mostly with nothing
    /// changed: the last solve is kept with everything it was computed from (the held load, the setting, the limit, the
    /// instant) and reused only when all of it is the same, bit for bit.
    /// </summary>
    private (double Volts, double Amperes, bool InLimit) SteadyPoint(IElectricalLoad load, DateTimeOffset now)
    {
        if (_steadyLoad is not null
            && now.UtcTicks == _steadyAtTicks
            && BitConverter.DoubleToInt64Bits(VoltageSetting) == BitConverter.DoubleToInt64Bits(_steadyVoltageSetting)
            && BitConverter.DoubleToInt64Bits(CurrentLimit) == BitConverter.DoubleToInt64Bits(_steadyCurrentLimit)
            && (ReferenceEquals(load, _steadyLoad) || _steadyLoad.Equals(load)))
        {
            return _steadyPoint;
        }

        _steadyPoint = SolveSteadyPoint(load, now);
        _steadyLoad = load;
        _steadyVoltageSetting = VoltageSetting;
        _steadyCurrentLimit = CurrentLimit;
        _steadyAtTicks = now.UtcTicks;
        return _steadyPoint;
    }

    private (double Volts, double Amperes, bool InLimit) SolveSteadyPoint(IElectricalLoad load, DateTimeOffset now)
    {
        var current = load.CurrentAt(VoltageSetting, now);
        if (current <= CurrentLimit)
        {
            return (VoltageSetting, current, false);
        }

        // CC mode: bisect for the voltage at which the (monotonic) load draws the limit.
        double low = 0, high = VoltageSetting;
        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            if (load.CurrentAt(mid, now) > CurrentLimit)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return (low, CurrentLimit, true);
    }

    private (double Volts, double Amperes, bool InLimit) CurrentSourcePoint(DateTimeOffset now)
    {
        var load = Load?.HeldAt(now);
        var atLimit = load?.CurrentAt(VoltageLimit, now) ?? 0;
        if (atLimit <= CurrentSetting)
        {
            return (VoltageLimit, atLimit, true);
        }

        double low = 0, high = VoltageLimit;
        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            if (load!.CurrentAt(mid, now) > CurrentSetting)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return (low, CurrentSetting, false);
    }

    /// <summary>
    /// Checks the protections at <paramref name="t"/> seconds of bench time; trips the output if due. Returns
    /// the time at which over-current protection will trip if the output stays in CC, or +∞.
    /// </summary>
    public double CheckProtection(double t, DateTimeOffset now)
    {
        if (!OutputOn)
        {
            _constantCurrentSince = null;
            return double.PositiveInfinity;
        }

        if (VoltageSetting > OverVoltageLevel)
        {
            Trip(SupplyTrip.OverVoltage);
            return double.PositiveInfinity;
        }

        if (!OverCurrentProtection || SourcesCurrent || !OperatingPoint(now).InLimit)
        {
            _constantCurrentSince = null;
            return double.PositiveInfinity;
        }

        _constantCurrentSince ??= t;
        var due = _constantCurrentSince.Value + OverCurrentDelaySeconds;
        if (t >= due - 1e-12)
        {
            Trip(SupplyTrip.OverCurrent);
            return double.PositiveInfinity;
        }

        return due;
    }

    /// <summary>Clears a trip (the output stays off until switched on again).</summary>
    public void ClearProtection(SupplyTrip which = SupplyTrip.OverVoltage | SupplyTrip.OverCurrent) => Tripped &= ~which;

    /// <summary>Output off, voltage and limit to their reset values, protections cleared.</summary>
    public void Reset()
    {
        OutputOn = false;
        VoltageSetting = 0;
        CurrentLimit = MaxAmperes;
        SourcesCurrent = false;
        CurrentSetting = 0;
        VoltageLimit = MaxVolts;
        OverVoltageLevel = MaxVolts * 1.1;
        OverCurrentProtection = false;
        Tripped = SupplyTrip.None;
        _constantCurrentSince = null;
        _capacitorVolts = 0;
        _capacitorTime = null;
    }

    private void Trip(SupplyTrip why)
    {
        Tripped |= why;
        OutputOn = false;
        _constantCurrentSince = null;
    }

    /// <summary>An inrush time and what it was computed from: the charge's start, target and limit, the held load, the instant.</summary>
    private sealed record InrushForecast(double FromVolts, double TargetVolts, double LimitAmperes, IElectricalLoad Load, DateTimeOffset At, double Seconds)
    {
        public bool Matches(double fromVolts, double targetVolts, double limitAmperes, IElectricalLoad load, DateTimeOffset at) =>
            BitEqual(FromVolts, fromVolts) && BitEqual(TargetVolts, targetVolts) && BitEqual(LimitAmperes, limitAmperes)
            && At.UtcTicks == at.UtcTicks && Load.Equals(load);

        private static bool BitEqual(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
    }
}
