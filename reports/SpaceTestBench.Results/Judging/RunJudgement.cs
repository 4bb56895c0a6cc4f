using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Judging;

/// <summary>
/// A run's verdicts under <see cref="VerdictPolicy"/>: the run's, each scenario's with its reasons, and the
/// verdicts of features and standard clauses built from them. Every output (console, exit code, JUnit, the
/// report) reads these, so none can disagree with another.
/// </summary>
public sealed class RunJudgement
{
    private readonly Dictionary<string, ScenarioJudgement> _byId;

    internal RunJudgement(Verdict verdict, IReadOnlyList<ScenarioJudgement> scenarios, IReadOnlyList<VerdictReason> runReasons)
    {
        Verdict = verdict;
        Scenarios = scenarios;
        RunReasons = runReasons;
        _byId = scenarios.ToDictionary(s => s.Scenario.Info.ScenarioId, StringComparer.Ordinal);
    }

    /// <summary>The run's verdict: the most severe of its scenarios' and of what happened outside them.</summary>
    public Verdict Verdict { get; }

    /// <summary>True when the run's verdict is Pass: the only outcome that exits 0.</summary>
    public bool Passed => VerdictPolicy.Passes(Verdict);

    /// <summary>Each scenario's judgement, in the order the scenarios started.</summary>
    public IReadOnlyList<ScenarioJudgement> Scenarios { get; }

    /// <summary>What decided the run's verdict outside any scenario (it was cut off, a run hook failed, nothing ran).</summary>
    public IReadOnlyList<VerdictReason> RunReasons { get; }

    /// <summary>The judgement of <paramref name="scenario"/>.</summary>
    public ScenarioJudgement Of(ScenarioResult scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return _byId[scenario.Info.ScenarioId];
    }

    /// <summary>The verdict of <paramref name="scenario"/>.</summary>
    public Verdict VerdictOf(ScenarioResult scenario) => Of(scenario).Verdict;

    /// <summary>A feature's verdict: the most severe of its scenarios'.</summary>
    public Verdict VerdictOf(FeatureResult feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return Verdicts.Worst(feature.Scenarios.Select(VerdictOf));
    }

    /// <summary>A standard clause's verdict: the most severe of the scenarios that verify it (it passes only if all do).</summary>
    public Verdict VerdictOf(ClauseResult clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        return Verdicts.Worst(clause.Scenarios.Select(VerdictOf));
    }
}
