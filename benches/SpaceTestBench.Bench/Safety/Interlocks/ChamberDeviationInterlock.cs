using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Bench.Safety.Interlocks;

/// <summary>
/// The chamber air outside the band around where it is going: between the air temperature when the
/// setpoint last changed and the setpoint, widened by the band on both sides. A ramp, its lag and a small
/// overshoot stay inside; a heater stuck on, a lost controller or a door left open do not.
/// </summary>
internal sealed class ChamberDeviationInterlock(InterlockDefinition definition) : Interlock(definition)
{
    private double? _setpoint;
    private double _from;
    private (DateTimeOffset Time, double Kelvin)? _last;

    public override async Task<TimeSpan> EvaluateAsync(InterlockContext context, CancellationToken cancellationToken)
    {
        var startBench = context.Clock.GetUtcNow();
        var startWall = TimeProvider.System.GetTimestamp();
        var chamber = context.Session.Role<IThermalChamber>(Definition.Role).Instrument;
        var setpoint = await context.SetpointAsync(Definition.Role, Definition.IdlePeriod, cancellationToken);
        var air = await chamber.MeasureAirTemperatureAsync(cancellationToken);
        if (_setpoint is not { } previous || Math.Abs(previous - setpoint) > 1e-6)
        {
            _setpoint = setpoint;
            _from = air;
        }

        var low = Math.Min(_from, setpoint) - Definition.BandKelvin;
        var high = Math.Max(_from, setpoint) + Definition.BandKelvin;
        if (air >= low && air <= high)
        {
            // Once there, the envelope closes onto the setpoint.
            if (Math.Abs(air - setpoint) < Definition.BandKelvin)
            {
                _from = setpoint;
            }

            var observed = _last is { } last && startBench > last.Time ? Math.Abs(air - last.Kelvin) / (startBench - last.Time).TotalSeconds : 0;
            _last = (startBench, air);
            return Predict(Math.Min(air - low, high - air), Math.Max(Definition.MaximumRateKelvinPerSecond, observed));
        }

        var action = context.Safety.ActionFor(Definition);
        var celsius = Units.Parse("°C");
        var limit = air > high ? high : low;
        var trip = new InterlockTrip(
            Definition.Name, Definition.Kind, Definition.Role, startBench, Quantity.FromSi(air, celsius), Quantity.FromSi(limit, celsius), "safe state", TimeSpan.Zero, action);
        using (context.Safety.Respond())
        {
            await context.SafeStateAsync($"the {Definition.Name} interlock tripped: chamber air {trip.Reading}, setpoint {Quantity.FromSi(setpoint, celsius)}", cancellationToken);
        }

        _setpoint = null;
        trip = trip with { ResponseTime = context.Since(startBench, startWall) };
        context.Safety.Add(trip, new Dictionary<string, Quantity>
        {
            ["chamber air temperature"] = trip.Reading,
            ["setpoint"] = Quantity.FromSi(setpoint, celsius),
            ["band"] = new(Definition.BandKelvin, Units.Kelvin),
        });
        if (action == InterlockAction.Stop)
        {
            context.Safety.Abort(trip);
        }

        return Definition.Period;
    }
}
