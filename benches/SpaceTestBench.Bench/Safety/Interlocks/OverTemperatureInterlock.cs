using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Bench.Safety.Interlocks;

/// <summary>
/// The DUT above its maximum temperature (the product thermocouple in the chamber, or the die's own sensor
/// through the DUT agent): the bench goes to its safe state. It looks again sooner the closer the DUT is
/// to the limit, at the worst credible heating rate.
/// </summary>
internal sealed class OverTemperatureInterlock(InterlockDefinition definition, BenchSession session) : Interlock(definition)
{
    private readonly double _maximum = definition.MaximumKelvin
        ?? session.Dut.Physics?.Thermal?.MaximumJunctionKelvin
        ?? throw new BenchConfigurationException(
            session.Definition.File, $"$.safety.interlocks['{definition.Name}'].maximum",
            $"the DUT profile {session.Dut.File} gives no maximum junction temperature; give the interlock a \"maximum\".");

    private (DateTimeOffset Time, double Kelvin)? _last;

    public override async Task<TimeSpan> EvaluateAsync(InterlockContext context, CancellationToken cancellationToken)
    {
        var startBench = context.Clock.GetUtcNow();
        var startWall = TimeProvider.System.GetTimestamp();
        var kelvin = context.Session.Definition.Roles[Definition.Role].Name.Equals(BenchRoles.Dut, StringComparison.OrdinalIgnoreCase)
            ? await context.Session.Role<IDutAgent>(Definition.Role).Instrument.MeasureJunctionTemperatureAsync(cancellationToken)
            : await context.Session.Role<IThermalChamber>(Definition.Role).Instrument.MeasureDutTemperatureAsync(cancellationToken);
        if (kelvin <= _maximum)
        {
            // Heating seen, not only the drift a failure could cause: a ramp towards the limit is watched at its pace.
            var observed = _last is { } last && startBench > last.Time ? (kelvin - last.Kelvin) / (startBench - last.Time).TotalSeconds : 0;
            _last = (startBench, kelvin);
            if (!context.Session.Definition.Roles[Definition.Role].Name.Equals(BenchRoles.Dut, StringComparison.OrdinalIgnoreCase)
                && await context.SetpointAsync(Definition.Role, Definition.IdlePeriod, cancellationToken) >= _maximum)
            {
                // The chamber is driven past the limit: the hazard is here, look at the fast period.
                return Definition.Period;
            }

            return Predict(_maximum - kelvin, Math.Max(Definition.MaximumRateKelvinPerSecond, observed));
        }

        var action = context.Safety.ActionFor(Definition);
        var celsius = Units.Parse("°C");
        var trip = new InterlockTrip(
            Definition.Name, Definition.Kind, Definition.Role, startBench, Quantity.FromSi(kelvin, celsius), Quantity.FromSi(_maximum, celsius),
            "safe state", TimeSpan.Zero, action);
        using (context.Safety.Respond())
        {
            await context.SafeStateAsync($"the {Definition.Name} interlock tripped at {trip.Reading}", cancellationToken);
        }

        trip = trip with { ResponseTime = context.Since(startBench, startWall) };
        context.Safety.Add(trip, new Dictionary<string, Quantity> { ["DUT temperature"] = trip.Reading, ["maximum"] = trip.Limit });
        if (action == InterlockAction.Stop)
        {
            context.Safety.Abort(trip);
        }

        return Definition.Period;
    }
}
