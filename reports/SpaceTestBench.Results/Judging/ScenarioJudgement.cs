using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Judging;

/// <summary>A scenario's verdict under <see cref="VerdictPolicy"/> and every reason for it.</summary>
/// <param name="Scenario">The scenario as recorded.</param>
/// <param name="Verdict">The most severe verdict of everything it contains.</param>
/// <param name="Reasons">Everything that did not pass, most severe first, in recording order within a severity.</param>
public sealed record ScenarioJudgement(ScenarioResult Scenario, Verdict Verdict, IReadOnlyList<VerdictReason> Reasons)
{
    /// <summary>True when the verdict is Pass.</summary>
    public bool Passed => VerdictPolicy.Passes(Verdict);

    /// <summary>
    /// Why the scenario did not pass, in one line: the reasons at its verdict's severity (up to three, then a
    /// count), judged results (measurements, findings) before step messages; empty for a Pass.
    /// </summary>
    public string Why
    {
        get
        {
            if (Passed)
            {
                return "";
            }

            var decisive = Reasons.Where(r => r.Verdict == Verdict).ToList();
            var judged = decisive.Where(r => r.Source is VerdictSource.Measurement or VerdictSource.Finding).ToList();
            var shown = judged.Count > 0 ? judged : decisive;
            return shown.Count switch
            {
                0 => Verdict.ToString(),
                <= 3 => string.Join("; ", shown.Select(r => r.Text)),
                _ => $"{string.Join("; ", shown.Take(3).Select(r => r.Text))}; and {shown.Count - 3} more {(judged.Count > 0 ? "judged result(s)" : "reason(s)")} {Verdict}",
            };
        }
    }
}
