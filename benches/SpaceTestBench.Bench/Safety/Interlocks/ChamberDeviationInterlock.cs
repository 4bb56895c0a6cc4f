using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Bench.Safety.Interlocks;

/// <summary>
/// The chamber air outside the band around where it is going: between the air temperature when the
/// setpoint last changed and the setpoint, widened by the band on both sides. A ramp, its lag and a small
/// overshoot stay inside; a heater stuck on, a lost controller or a door left open do not.
/// Once the air has arrived, a controller that can watch its own air (<see cref="IThermalChamberAlarm"/>) is armed
/// with the closed band and requests service the moment the air leaves it; the interlock then reads nothing until
/// that request, a step's command to the chamber or its idle period, instead of reading the air at the pace of the
/// worst drift (docs/safety.md, "Cadence"). During a ramp, and on a bench that cannot deliver service requests, it
/// reads the air at that pace as before.
/// </summary>
internal sealed class ChamberDeviationInterlock(InterlockDefinition definition) : Interlock(definition)
{
    private double? _setpoint;
    private double _from;
    private (DateTimeOffset Time, double Kelvin)? _last;
    private bool? _onRequest;
    private IDisposable? _requests;
    private int _requested;
    private bool _alarmArmed; // the controller's alarm is on (armed by this interlock, not yet switched off)
    private (double Low, double High) _armedBand;

    public override async Task<TimeSpan> EvaluateAsync(InterlockContext context, CancellationToken cancellationToken)
    {
        if (_onRequest is null)
        {
            _requests = context.Session.Definition.RoleProvides(Definition.Role, typeof(IThermalChamberAlarm))
                ? context.Session.WatchServiceRequests(Definition.Role, OnServiceRequest)
                : null;
            _onRequest = _requests is not null;
        }

        var startBench = context.Clock.GetUtcNow();
        var startWall = TimeProvider.System.GetTimestamp();
        var chamber = context.Session.Role<IThermalChamber>(Definition.Role).Instrument;
        if (Interlocked.Exchange(ref _requested, 0) != 0)
        {
            // The controller's alarm: read (and so clear) its event at every request, or the status byte's summary would
            // stay set and no later excursion could request service again; the air read below decides, as a polled
            // reading would.
            await context.Session.Role<IThermalChamberAlarm>(Definition.Role).Instrument.ReadAirAlarmEventAsync(cancellationToken);
        }

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
            var margin = Math.Min(air - low, high - air);
            if (_onRequest == true)
            {
                var alarm = context.Session.Role<IThermalChamberAlarm>(Definition.Role).Instrument;
                if (_from == setpoint && margin > Definition.BandKelvin / 2)
                {
                    // Arrived and well inside: the controller watches the band. Armed once per band; every later evaluation
                    // asks whether the alarm is still on and arms it again if not, so a controller that rebooted or was
                    // reset (which switches the alarm and its request enables off) has it back by the next idle period.
                    // Arming it again every time cost five commands and their error checks per idle period, a tenth of
                    // the main job's exchanges (docs/safety.md, "Cadence").
                    if (!_alarmArmed || _armedBand != (low, high) || !await alarm.IsAirAlarmOnAsync(cancellationToken))
                    {
                        await alarm.ArmAirAlarmAsync(low, high, cancellationToken);
                        _alarmArmed = true;
                        _armedBand = (low, high);
                    }

                    return Definition.IdlePeriod;
                }

                if (_alarmArmed)
                {
                    // A ramp (or the air near the edge): the band is not the controller's to watch; read at the drift's pace.
                    await alarm.DisarmAirAlarmAsync(cancellationToken);
                    _alarmArmed = false;
                }
            }

            return Predict(margin, Math.Max(Definition.MaximumRateKelvinPerSecond, observed));
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

    /// <summary>The controller requests service: note it and wake the monitor (which then evaluates this interlock before it sleeps again).</summary>
    private void OnServiceRequest()
    {
        Interlocked.Exchange(ref _requested, 1);
        Wake();
    }

    public override void StopWatching() => Interlocked.Exchange(ref _requests, null)?.Dispose();
}
