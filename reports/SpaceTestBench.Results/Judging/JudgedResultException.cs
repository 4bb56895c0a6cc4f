namespace SpaceTestBench.Results.Judging;

/// <summary>
/// A scenario's judged results (its measurements, the findings of the analyses of its data) decide a verdict its
/// steps' outcomes did not show: thrown at the scenario's end so that every live consumer (the console, NUnit,
/// the Cucumber messages) states the verdict the report will.
/// </summary>
public sealed class JudgedResultException : Exception
{
    /// <summary>The scenario's judgement decided <see cref="ScenarioJudgement.Verdict"/>.</summary>
    public JudgedResultException(ScenarioJudgement judgement)
        : base($"{judgement?.Verdict}: {judgement?.Why}")
    {
        ArgumentNullException.ThrowIfNull(judgement);
        Judgement = judgement;
    }

    /// <summary>The judgement.</summary>
    public ScenarioJudgement Judgement { get; }
}
