namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// The physics of a two-zone thermal shock chamber. Each zone's air is a thermal mass C_z with a loop that pulls
/// it to the setpoint with time constant τ_c as long as its heater or refrigeration suffices for the heat the load
/// and the room exchange with it; past that the power saturates and the load drags the zone air (the recovery a
/// heavy load takes). The load in the basket is a lumped mass, C_L·dT_L/dt = h·A·(T_zone − T_L), so its time
/// constant in the zone's air flow is τ_L = C_L/(h·A): a heavier load is a larger C_L, slower to reach temperature
/// and drawing heat from its zone for longer. In transit it exchanges with the still air of the shaft.
/// </summary>
internal sealed class ThermalShockChamberModel
{
    private const double MaxSubstep = 1.0;
    private readonly double[] _air = [ThermalChamberSpec.AmbientKelvin, ThermalChamberSpec.AmbientKelvin];
    private readonly double[] _setpoint = [ThermalChamberSpec.AmbientKelvin, ThermalChamberSpec.AmbientKelvin];
    private double _time;
    private double _moveLeft;

    public ThermalShockChamberModel(ThermalShockChamberSpec spec)
    {
        Spec = spec;
        Load = ThermalChamberSpec.AmbientKelvin;
    }

    public ThermalShockChamberSpec Spec { get; }

    /// <summary>The zone the basket is in, or is travelling to.</summary>
    public int BasketZone { get; private set; }

    public bool Moving => _moveLeft > 0;

    /// <summary>The load's temperature, K.</summary>
    public double Load { get; private set; }

    /// <summary>The load's time constant in a zone's air flow, s.</summary>
    public double LoadTimeConstantSeconds { get; private set; } = 180;

    private double LoadHeatCapacity => LoadTimeConstantSeconds * Spec.BasketConductanceWattsPerKelvin;

    public double Air(int zone) => _air[zone];

    public double Setpoint(int zone) => _setpoint[zone];

    public void SetSetpoint(int zone, double kelvin) => _setpoint[zone] = kelvin;

    /// <summary>Starts the basket towards <paramref name="zone"/>; false if it is travelling already.</summary>
    public bool MoveTo(int zone)
    {
        if (Moving)
        {
            return false;
        }

        if (zone != BasketZone)
        {
            BasketZone = zone;
            _moveLeft = Spec.TransferSeconds;
        }

        return true;
    }

    /// <summary>A fresh load in the basket, at room temperature, with time constant <paramref name="timeConstantSeconds"/> in a zone's air flow.</summary>
    public void LoadBasket(double timeConstantSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeConstantSeconds);
        LoadTimeConstantSeconds = timeConstantSeconds;
        Load = ThermalChamberSpec.AmbientKelvin;
    }

    /// <summary>
    /// A restored chamber (its state put back from a saved world) is evaluated from <paramref name="seconds"/> since
    /// the world started, the resumed world's now: the time the run was down is not integrated.
    /// </summary>
    public void RestartAt(double seconds) => _time = seconds;

    /// <summary>Evaluates the chamber up to <paramref name="seconds"/> since the world started.</summary>
    public void AdvanceTo(double seconds)
    {
        while (_time < seconds)
        {
            if (Settled)
            {
                _time = seconds;
                return;
            }

            var h = Math.Min(seconds - _time, MaxSubstep);
            if (Moving)
            {
                h = Math.Min(h, _moveLeft);
            }

            Step(h);
            _time += h;
        }
    }

    private bool Settled =>
        !Moving && Math.Abs(_air[0] - _setpoint[0]) < 1e-4 && Math.Abs(_air[1] - _setpoint[1]) < 1e-4 && Math.Abs(Load - _air[BasketZone]) < 1e-4;

    private void Step(double h)
    {
        // The load over the substep with its surrounding air held: exact, so any time constant is stable.
        var (around, conductance) = Moving
            ? (ThermalChamberSpec.AmbientKelvin, Spec.ShaftConductanceWattsPerKelvin)
            : (_air[BasketZone], Spec.BasketConductanceWattsPerKelvin);
        var next = around + ((Load - around) * Math.Exp(-h * conductance / LoadHeatCapacity));
        var loadWatts = LoadHeatCapacity * (next - Load) / h;
        Load = next;
        for (var zone = 0; zone < 2; zone++)
        {
            var drawn = !Moving && zone == BasketZone ? loadWatts : 0;
            StepZone(zone, h, drawn);
        }

        if (Moving)
        {
            _moveLeft = Math.Max(0, _moveLeft - h);
        }
    }

    private void StepZone(int zone, double h, double drawnWatts)
    {
        var c = Spec.ZoneHeatCapacity;
        var loss = Spec.ZoneLossWattsPerKelvin * (_air[zone] - ThermalChamberSpec.AmbientKelvin);
        var needed = loss + drawnWatts + (c * (_setpoint[zone] - _air[zone]) / Spec.ControlTimeConstantSeconds);
        var (heat, cool) = zone == 0 ? (Spec.HotHeatingWatts, Spec.HotCoolingWatts) : (Spec.ColdHeatingWatts, Spec.ColdCoolingWatts);
        if (needed <= heat && needed >= -cool)
        {
            _air[zone] = _setpoint[zone] + ((_air[zone] - _setpoint[zone]) * Math.Exp(-h / Spec.ControlTimeConstantSeconds));
            return;
        }

        var power = Math.Clamp(needed, -cool, heat);
        _air[zone] += h * (power - loss - drawnWatts) / c;
    }
}
