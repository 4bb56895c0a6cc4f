using SpaceTestBench.Bench.Definitions;

namespace SpaceTestBench.Bench.Safety.Interlocks;

/// <summary>
/// One interlock: it reads its role's instrument, decides whether its limit is crossed, responds if so, and
/// says how soon it must look again. The monitor calls it at that cadence, never faster than its period
/// and never slower than its idle period.
/// </summary>
internal abstract class Interlock(InterlockDefinition definition)
{
    public InterlockDefinition Definition { get; } = definition;

    /// <summary>Raised when the interlock's instrument asks for it (a service request): the monitor evaluates it at once.</summary>
    public event Action<Interlock>? Woken;

    /// <summary>Asks the monitor to evaluate this interlock now.</summary>
    protected void Wake() => Woken?.Invoke(this);

    /// <summary>Stops whatever the interlock watches outside its evaluations (an instrument's service requests).</summary>
    public virtual void StopWatching()
    {
    }

    /// <summary>Reads, judges, responds; returns the bench time until the next evaluation.</summary>
    public abstract Task<TimeSpan> EvaluateAsync(InterlockContext context, CancellationToken cancellationToken);

    /// <summary>Whether a command through <paramref name="role"/> may change this interlock's hazard (so it looks at once).</summary>
    public virtual bool WatchesCommandsTo(string role) => role.Equals(Definition.Role, StringComparison.OrdinalIgnoreCase);

    /// <summary>The time until the limit could be reached at the worst credible rate, halved, within [period, idle period].</summary>
    protected TimeSpan Predict(double margin, double worstRatePerSecond)
    {
        if (!(margin > 0) || !(worstRatePerSecond > 0))
        {
            return margin > 0 ? Definition.IdlePeriod : Definition.Period;
        }

        var seconds = margin / worstRatePerSecond / 2;
        return seconds >= Definition.IdlePeriod.TotalSeconds ? Definition.IdlePeriod
            : seconds <= Definition.Period.TotalSeconds ? Definition.Period
            : TimeSpan.FromSeconds(seconds);
    }

    public static Interlock Create(InterlockDefinition definition, BenchSession session) => definition.Kind switch
    {
        InterlockKind.Latchup => new LatchupInterlock(definition, session),
        InterlockKind.OverTemperature => new OverTemperatureInterlock(definition, session),
        InterlockKind.ChamberDeviation => new ChamberDeviationInterlock(definition),
        _ => new RadiationOverrunInterlock(definition),
    };
}
