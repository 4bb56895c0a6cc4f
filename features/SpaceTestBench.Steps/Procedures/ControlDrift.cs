using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// What a sample plan's unirradiated controls say about one parameter (MIL-STD-883 TM 1019, ESCC 22900: the controls
/// see no dose, so their change is the test system's drift). A control whose change stays inside its allowance is
/// recorded as judged; one outside it shows that the measurement system drifted, which is no finding about the DUT:
/// that control's change is recorded Inconclusive, and so is every irradiated sample's change of the parameter
/// recorded after it (<see cref="Measure"/>), each with the drift, the allowance and the allowance's source — never
/// Pass, and not a Fail of the DUT.
/// </summary>
/// <param name="parameter">The parameter in words ("core supply current").</param>
/// <param name="allowance">The allowance in words with its source ("10 % of the post-irradiation limit, from the scenario's Examples, per …").</param>
public sealed class ControlDrift(string parameter, string allowance)
{
    private readonly List<string> _drifted = [];

    /// <summary>True once a control of this parameter has drifted outside its allowance.</summary>
    public bool Drifted => _drifted.Count > 0;

    /// <summary>
    /// Records the change of <paramref name="control"/> against <paramref name="allowed"/>: judged if it is inside,
    /// Inconclusive with the evidence if it is not (the control, not the DUT, is what moved).
    /// </summary>
    public MeasurementRecorded Judge(
        ScenarioRecorder results, PlannedSample control, string name, Quantity change, Limit allowed, string role, IReadOnlyDictionary<string, Quantity> conditions, string decision)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(allowed);
        if (allowed.Evaluate(change) == Verdict.Pass)
        {
            return results.Measure(name, change, allowed, role, null, conditions, decision);
        }

        var evidence = $"the unirradiated control {control.Number} ({control.Serial}) changed by {change}, outside the allowed {allowed} ({allowance})";
        _drifted.Add(evidence);
        return results.MeasureInconclusive(name, change, allowed,
            $"{evidence}: the test system drifted (instruments, fixture or temperature), so the irradiated samples' {parameter} changes cannot be told from it; the DUT is neither passed nor failed on them",
            role, null, conditions, decision);
    }

    /// <summary>
    /// Records an irradiated sample's change of the parameter against its limit: judged as usual while the controls
    /// stayed inside their allowance, otherwise Inconclusive with their drift as the reason.
    /// </summary>
    public MeasurementRecorded Measure(
        ScenarioRecorder results, string name, Quantity value, Limit limit, string role, IReadOnlyDictionary<string, Quantity> conditions, string decision)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Drifted
            ? results.MeasureInconclusive(name, value, limit,
                $"{string.Join("; ", _drifted)}: the measurement system cannot be trusted for the {parameter}, so this sample's radiation-induced change is not judged",
                role, null, conditions, decision)
            : results.Measure(name, value, limit, role, null, conditions, decision);
    }
}
