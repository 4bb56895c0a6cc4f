namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// The samples of the DUT a run has used, by serial number, and whether a destructive procedure used them: one
/// per run, shared by its scenarios. A destructive procedure (irradiation, thermal stress) needs a sample no
/// scenario of the run has used; a non-destructive one (the electrical tests within the part's ratings) may reuse
/// the sample on the bench as long as no destructive procedure has used it. A bench that cannot exchange samples
/// by itself (a real one) uses the register to refuse a scenario whose sample plan the sample on the bench does
/// not meet.
/// </summary>
[SpaceTestBench.Steps.Resuming.NotScenarioState("run-scoped: the serials the whole run used; a resumed run rebuilds it from the record's sample events (ResumePlan.UsedSamples), each as a destructive use")]
public sealed class SampleRegister(IReadOnlyList<string>? named = null)
{
    private readonly Dictionary<string, (string Scenario, bool Destructive)> _usedBy = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The serials the campaign names, in mounting order; empty when the bench supplies its own samples.</summary>
    public IReadOnlyList<string> Named { get; } = named?.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList() ?? [];

    /// <summary>
    /// The first sample the campaign names that no scenario of this run has used, to mount next; throws, naming
    /// the serials and the scenario that needs one more, when every named sample is used.
    /// </summary>
    public string NextNamed(string scenario)
    {
        lock (_gate)
        {
            return Named.FirstOrDefault(s => !_usedBy.ContainsKey(s)) ?? throw new InvalidOperationException(
                $"The scenario '{scenario}' needs a fresh sample, and every sample the campaign names ({string.Join(", ", Named)}) has been used by this run. " +
                "Name more samples (--sample, or the campaign's sample serials) or select fewer destructive scenarios.");
        }
    }

    /// <summary>The samples the campaign names that no scenario of this run has used yet, in mounting order.</summary>
    public IReadOnlyList<string> UnusedNamed()
    {
        lock (_gate)
        {
            return [.. Named.Where(s => !_usedBy.ContainsKey(s))];
        }
    }

    /// <summary>
    /// Records that <paramref name="scenario"/> uses the sample <paramref name="serialNumber"/> destructively;
    /// returns the scenario that used it before, or null if it is fresh to this run.
    /// </summary>
    public string? Claim(string serialNumber, string scenario)
    {
        ArgumentNullException.ThrowIfNull(serialNumber);
        ArgumentNullException.ThrowIfNull(scenario);
        lock (_gate)
        {
            if (_usedBy.TryGetValue(serialNumber, out var earlier))
            {
                return earlier.Scenario;
            }

            _usedBy[serialNumber] = (scenario, true);
            return null;
        }
    }

    /// <summary>
    /// Records that <paramref name="scenario"/>, a non-destructive procedure, uses the sample
    /// <paramref name="serialNumber"/> if no destructive procedure of this run has used it; returns the scenario
    /// that used it destructively (and records nothing), or null if the sample may serve.
    /// </summary>
    public string? Reuse(string serialNumber, string scenario)
    {
        ArgumentNullException.ThrowIfNull(serialNumber);
        ArgumentNullException.ThrowIfNull(scenario);
        lock (_gate)
        {
            if (_usedBy.TryGetValue(serialNumber, out var earlier))
            {
                return earlier.Destructive ? earlier.Scenario : null;
            }

            _usedBy[serialNumber] = (scenario, false);
            return null;
        }
    }
}
