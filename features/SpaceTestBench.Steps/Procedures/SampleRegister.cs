namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// The samples of the DUT a run has used, by serial number: one per run, shared by its scenarios. A bench
/// that cannot exchange samples by itself (a real one) uses it to refuse a scenario that asks for a fresh
/// sample while the one on the bench already served another scenario of the run.
/// </summary>
[SpaceTestBench.Steps.Resuming.NotScenarioState("run-scoped: the serials the whole run used; a resumed run rebuilds it from the record's sample events (ResumePlan.UsedSamples)")]
public sealed class SampleRegister
{
    private readonly Dictionary<string, string> _usedBy = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Records that <paramref name="scenario"/> uses the sample <paramref name="serialNumber"/>; returns the
    /// scenario that used it before, or null if it is fresh to this run.
    /// </summary>
    public string? Claim(string serialNumber, string scenario)
    {
        ArgumentNullException.ThrowIfNull(serialNumber);
        ArgumentNullException.ThrowIfNull(scenario);
        lock (_gate)
        {
            if (_usedBy.TryGetValue(serialNumber, out var earlier))
            {
                return earlier;
            }

            _usedBy[serialNumber] = scenario;
            return null;
        }
    }
}
