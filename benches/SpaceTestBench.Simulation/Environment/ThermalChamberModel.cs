using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// The air (or shroud) temperature and pressure of a chamber. Under control, an internal target moves to
/// the setpoint no faster than the programmed ramp rate and the chamber's heating/cooling capability; the
/// air follows the target as a second-order loop, ẍ = ω_n²(R − x) − 2ζω_n·ẋ, which gives the tracking lag
/// during a ramp, the overshoot after it and the settling. With control off the air drifts first-order to
/// ambient. Pressure pumps down and vents exponentially.
/// </summary>
internal sealed class ThermalChamberModel
{
    private const double MaxSubstep = 1.0;

    public ThermalChamberModel(ThermalChamberSpec spec)
    {
        Spec = spec;
        Air = Target = Setpoint = ThermalChamberSpec.AmbientKelvin;
        Pressure = PhysicalConstants.Atmosphere;
    }

    public ThermalChamberSpec Spec { get; }

    public bool ControlOn { get; set; } = true;

    public double Setpoint { get; private set; }

    /// <summary>Programmed ramp rate, K/s; +∞ when ramping is off (the chamber goes as fast as it can).</summary>
    public double RampRate { get; set; } = double.PositiveInfinity;

    /// <summary>The internal (ramped) target the loop follows, K.</summary>
    public double Target { get; private set; }

    public double Air { get; private set; }

    public double AirRate { get; private set; }

    public double Pressure { get; private set; }

    public bool PumpOn { get; set; }

    public bool Settled => !ControlOn
        ? Math.Abs(Air - ThermalChamberSpec.AmbientKelvin) < 1e-3
        : Target == Setpoint && Math.Abs(Air - Setpoint) < 1e-3 && Math.Abs(AirRate) < 1e-5;

    /// <summary>The longest facility step that keeps the DUT's view of the air accurate.</summary>
    public double SuggestedStep => Settled && PressureSettled ? double.PositiveInfinity : 5;

    private bool PressureSettled => PumpOn
        ? Pressure - Spec.BasePressurePascal < 1e-3 * Spec.BasePressurePascal
        : PhysicalConstants.Atmosphere - Pressure < 1e-3;

    /// <summary>A new setpoint; the ramp starts from where the target is now.</summary>
    public void SetSetpoint(double kelvin) => Setpoint = kelvin;

    /// <summary>A ramp from <paramref name="fromKelvin"/> to <paramref name="toKelvin"/> at <paramref name="rate"/> (a controller's ramp program step).</summary>
    public void StartRamp(double fromKelvin, double toKelvin, double rate)
    {
        Target = fromKelvin;
        Setpoint = toKelvin;
        RampRate = rate;
    }

    public void Advance(double seconds)
    {
        AdvancePressure(seconds);
        if (Settled)
        {
            return;
        }

        var remaining = seconds;
        while (remaining > 0)
        {
            var h = Math.Min(remaining, MaxSubstep);
            if (ControlOn)
            {
                StepLoop(h);
            }
            else
            {
                var next = ThermalChamberSpec.AmbientKelvin + ((Air - ThermalChamberSpec.AmbientKelvin) * Math.Exp(-h / Spec.PassiveTimeConstantSeconds));
                AirRate = (next - Air) / h;
                Air = next;
                Target = Air;
            }

            remaining -= h;
            if (Settled)
            {
                Snap();
                return;
            }
        }
    }

    private void StepLoop(double h)
    {
        // RK4 on (x, v) with the target moving linearly within the substep.
        var r0 = Target;
        double TargetAt(double s) => MoveToward(r0, Setpoint, EffectiveRate(r0) * s);
        var (x, v) = (Air, AirRate);
        var wn = Spec.NaturalFrequency;
        var z = Spec.DampingRatio;
        double Accel(double s, double xs, double vs) => (wn * wn * (TargetAt(s) - xs)) - (2 * z * wn * vs);
        var k1x = v;
        var k1v = Accel(0, x, v);
        var k2x = v + (h / 2 * k1v);
        var k2v = Accel(h / 2, x + (h / 2 * k1x), v + (h / 2 * k1v));
        var k3x = v + (h / 2 * k2v);
        var k3v = Accel(h / 2, x + (h / 2 * k2x), v + (h / 2 * k2v));
        var k4x = v + (h * k3v);
        var k4v = Accel(h, x + (h * k3x), v + (h * k3v));
        Air = x + (h / 6 * (k1x + (2 * k2x) + (2 * k3x) + k4x));
        AirRate = v + (h / 6 * (k1v + (2 * k2v) + (2 * k3v) + k4v));
        Target = TargetAt(h);
    }

    private double EffectiveRate(double from)
    {
        var capability = Setpoint >= from ? Spec.MaximumHeatingRate : Spec.MaximumCoolingRate;
        return Math.Min(RampRate, capability);
    }

    private void Snap()
    {
        Air = ControlOn ? Setpoint : ThermalChamberSpec.AmbientKelvin;
        Target = Air;
        AirRate = 0;
    }

    private void AdvancePressure(double seconds)
    {
        if (!Spec.HasVacuum)
        {
            return;
        }

        var (goal, tau) = PumpOn ? (Spec.BasePressurePascal, Spec.PumpTimeConstantSeconds) : (PhysicalConstants.Atmosphere, Spec.VentTimeConstantSeconds);
        Pressure = goal + ((Pressure - goal) * Math.Exp(-seconds / tau));
    }

    private static double MoveToward(double from, double to, double step) =>
        to >= from ? Math.Min(to, from + step) : Math.Max(to, from - step);
}
