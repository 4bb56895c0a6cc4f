namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// A judged outcome of an analysis (a drift reaching its limit within the tested dose, a Weibull threshold
/// below the required LET, a sensitivity worse than specified, a plateau that never stabilised), or an
/// analysis that the data cannot support (Inconclusive, with the reason). Findings feed the scenario's and the
/// run's verdict like measurements do, so no section of a report can contradict its overall verdict.
/// </summary>
/// <param name="ScenarioId">The scenario whose data it judges.</param>
/// <param name="Analysis">Which analysis ("TID drift", "SEE Weibull fit", "BER waterfall", "thermal stability").</param>
/// <param name="Subject">What it judges ("core supply current, sample 2, 50 rad(Si)/s").</param>
/// <param name="Verdict">Pass, Fail or Inconclusive (NotSet when the analysis states a figure without judging it).</param>
/// <param name="Statement">The finding as the report states it, with the convention of every interval or bound it quotes.</param>
public sealed record AnalysisFinding(string ScenarioId, string Analysis, string Subject, Verdict Verdict, string Statement);
