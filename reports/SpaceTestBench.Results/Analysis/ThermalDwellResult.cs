namespace SpaceTestBench.Results.Analysis;

/// <summary>The plateaus of a temperature profile, each judged for stability and dwell.</summary>
/// <param name="Criteria">The criteria applied.</param>
/// <param name="Plateaus">Every setpoint plateau in time order.</param>
public sealed record ThermalDwellResult(ThermalCriteria Criteria, IReadOnlyList<ThermalPlateau> Plateaus)
{
    /// <summary>The most severe verdict of the judged plateaus.</summary>
    public Verdict Verdict => Verdicts.Worst(Plateaus.Where(p => p.Judged).Select(p => p.Verdict));
}
