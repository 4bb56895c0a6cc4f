using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Bench.Safety.Interlocks;

/// <summary>
/// Dose (gamma source) or fluence (particle beam) beyond the target the steps commanded by more than the
/// tolerance, or beyond the bench's maximum: the source goes down, the shutter closes, the bench goes to
/// its safe state. The facility's own target normally stops the exposure; this is the backstop for a
/// source that does not. It looks again sooner the closer the reading is to the limit, at the rate seen.
/// </summary>
internal sealed class RadiationOverrunInterlock(InterlockDefinition definition) : Interlock(definition)
{
    private (DateTimeOffset Time, double Value)? _last;

    private bool Dose => Definition.Kind == InterlockKind.DoseOverrun;

    public override async Task<TimeSpan> EvaluateAsync(InterlockContext context, CancellationToken cancellationToken)
    {
        var startBench = context.Clock.GetUtcNow();
        var startWall = TimeProvider.System.GetTimestamp();
        // The source's state and its dose (the shutter and the fluence) in one exchange each look.
        bool exposing;
        double value;
        if (Dose)
        {
            (exposing, var dose) = await context.Session.Role<IGammaSource>(Definition.Role).Instrument.ReadExposureAsync(cancellationToken);
            value = dose.Gray;
        }
        else
        {
            (exposing, value) = await context.Session.Role<IParticleBeam>(Definition.Role).Instrument.ReadExposureAsync(cancellationToken);
        }

        var limit = Limit(context);
        if (limit is null || value <= limit)
        {
            var rate = _last is { } last && startBench > last.Time && value > last.Value ? (value - last.Value) / (startBench - last.Time).TotalSeconds : 0;
            _last = (startBench, value);
            // Exposing with no rate seen yet (the first look after the source went up): look again at the fast
            // period to learn the rate; predicting from a rate of zero would wait the whole idle period.
            return !exposing || limit is null ? Definition.IdlePeriod
                : rate > 0 ? Predict(limit.Value - value, rate)
                : Definition.Period;
        }

        var action = context.Safety.ActionFor(Definition);
        var unit = Units.Parse(Dose ? "krad(Si)" : "ions/cm²");
        var trip = new InterlockTrip(
            Definition.Name, Definition.Kind, Definition.Role, startBench, Quantity.FromSi(value, unit), Quantity.FromSi(limit.Value, unit), "safe state", TimeSpan.Zero, action);
        using (context.Safety.Respond())
        {
            await context.SafeStateAsync($"the {Definition.Name} interlock tripped at {trip.Reading}", cancellationToken);
        }

        trip = trip with { ResponseTime = context.Since(startBench, startWall) };
        context.Safety.Add(trip, new Dictionary<string, Quantity> { [Dose ? "dose" : "fluence"] = trip.Reading, ["limit"] = trip.Limit });
        _last = null;
        if (action == InterlockAction.Stop)
        {
            context.Safety.Abort(trip);
        }

        return Definition.Period;
    }

    /// <summary>The commanded target plus tolerance, or the maximum, whichever is lower; null when neither is set.</summary>
    private double? Limit(InterlockContext context)
    {
        var operation = Dose ? nameof(IGammaSource.SetDoseTargetAsync) : nameof(IParticleBeam.SetFluenceTargetAsync);
        var target = context.Safety.Journal.Entries
            .LastOrDefault(e => e.Operation == operation && e.Role.Equals(Definition.Role, StringComparison.OrdinalIgnoreCase))?.Arguments[0] is { ValueKind: System.Text.Json.JsonValueKind.Number } t
            ? t.GetDouble() * (1 + Definition.Tolerance)
            : (double?)null;
        return (target, Definition.Maximum) switch
        {
            ({ } a, { } b) => Math.Min(a, b),
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }
}
