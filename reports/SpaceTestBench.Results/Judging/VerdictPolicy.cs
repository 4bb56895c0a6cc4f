using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Judging;

/// <summary>
/// The one rule that turns recorded results into verdicts (NotSet &lt; Pass &lt; Inconclusive &lt; Fail &lt;
/// Aborted &lt; Error; the most severe wins). A scenario's verdict is the most severe of everything it contains:
/// <list type="bullet">
/// <item>the verdict it recorded at its end (Aborted if it never did: the run was cut off during it);</item>
/// <item>its steps: Failed is Fail when the step failed on a judged result (a measurement outside its limit),
/// Aborted when an interlock stopped the scenario, Error otherwise; Ambiguous is Error; Pending, Undefined and
/// Skipped are Inconclusive; a step that never finished is Aborted;</item>
/// <item>its measurements, each judged against its declared limit (a counted rate on its confidence bounds);</item>
/// <item>the findings of the analyses of its data (<see cref="RunAnalysis.Findings"/>);</item>
/// <item>Inconclusive for each result taken with an instrument out of calibration at the time of use (ISO/IEC 17025
/// §6.4.9, <see cref="CalibrationAtUse"/>): such a result is not traceable and cannot support Pass;</item>
/// <item>bench events that decide by themselves: the run stopped (Aborted), a hook failed (Error).</item>
/// </list>
/// The run's verdict is the most severe of its scenarios' and of its run-level events; Aborted if it did not
/// record its end; NotSet if no scenario ran. Only Pass passes: the exit code is 0 for Pass and 1 for anything
/// else, Inconclusive included, because a run that cannot show Pass is not Pass.
/// </summary>
public static class VerdictPolicy
{
    /// <summary>True only for Pass.</summary>
    public static bool Passes(Verdict verdict) => verdict == Verdict.Pass;

    /// <summary>Judges a run from its store, with the findings of <paramref name="analysis"/> (the analyses the report shows).</summary>
    public static RunJudgement Judge(RunResults results, RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(analysis);
        var findings = analysis.Findings.ToLookup(f => f.ScenarioId, StringComparer.Ordinal);
        var scenarios = results.Scenarios.Select(s => JudgeScenario(results, s, findings[s.Info.ScenarioId], ending: false)).ToList();
        var reasons = new List<VerdictReason>();
        if (results.Scenarios.Count == 0)
        {
            reasons.Add(new VerdictReason(Verdict.NotSet, VerdictSource.Recorded, "No scenario ran."));
        }

        var runEvents = EventReasons(results, results.EventsOf(null)).ToList();
        if (!results.Run.Completed && !runEvents.Any(r => r.Verdict == Verdict.Aborted))
        {
            // An abort recorded by the run itself (the operator's stop) already says why it did not end.
            reasons.Add(new VerdictReason(Verdict.Aborted, VerdictSource.Recorded, "The run did not record its end: it was interrupted (killed, crashed or cut off)."));
        }

        reasons.AddRange(runEvents);
        var verdict = Verdicts.Worst(scenarios.Select(s => s.Verdict).Concat(reasons.Select(r => r.Verdict)));
        return new RunJudgement(verdict, scenarios, reasons);
    }

    /// <summary>Judges a run from its store with the analyses at their defaults.</summary>
    public static RunJudgement Judge(RunResults results) => Judge(results, RunAnalysis.Of(results));

    /// <summary>
    /// Judges a scenario as it ends, from its results read back from the store (<see cref="IResultReadBack"/>):
    /// everything <see cref="Judge(RunResults, RunAnalysis)"/> will say of it, but its recorded end, which is not
    /// written yet. The analyses run on this scenario's data alone, which is what a finding judges.
    /// </summary>
    public static ScenarioJudgement JudgeEndingScenario(RunResults readBack, string scenarioId)
    {
        ArgumentNullException.ThrowIfNull(readBack);
        var scenario = readBack.Scenarios.SingleOrDefault(s => s.Info.ScenarioId == scenarioId)
            ?? throw new ArgumentException($"The results read back hold no scenario {scenarioId}.", nameof(scenarioId));
        var findings = RunAnalysis.Of(readBack).Findings.Where(f => f.ScenarioId == scenarioId);
        return JudgeScenario(readBack, scenario, findings, ending: true);
    }

    /// <summary>
    /// A step's verdict: its outcome combined with its measurements'. A failed step none of whose measurements
    /// missed its limit failed for another reason: Aborted if an interlock stopped the scenario, Error otherwise.
    /// </summary>
    public static Verdict VerdictOf(ScenarioResult scenario, StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(step);
        var measured = Verdicts.Worst(scenario.Measurements.Where(m => m.StepIndex == step.Index).Select(m => m.Verdict));
        var outcome = step.Outcome switch
        {
            null => Verdict.Aborted,
            StepOutcome.Passed => Verdict.Pass,
            StepOutcome.Failed when measured == Verdict.Fail => Verdict.Fail,
            StepOutcome.Failed when scenario.RecordedVerdict == Verdict.Aborted => Verdict.Aborted,
            StepOutcome.Failed or StepOutcome.Ambiguous => Verdict.Error,
            _ => Verdict.Inconclusive,
        };
        return Verdicts.Worst(outcome, measured);
    }

    private static ScenarioJudgement JudgeScenario(RunResults results, ScenarioResult scenario, IEnumerable<AnalysisFinding> findings, bool ending)
    {
        var reasons = new List<VerdictReason>();
        if (scenario.RecordedVerdict is { } recorded)
        {
            reasons.Add(new VerdictReason(recorded, VerdictSource.Recorded, scenario.Message ?? $"The scenario ended {recorded}."));
        }
        else if (!ending)
        {
            var running = scenario.Steps.LastOrDefault(s => !s.Finished);
            reasons.Add(new VerdictReason(Verdict.Aborted, VerdictSource.Recorded,
                running is null ? "The run ended before this scenario finished." : $"The run ended during step {running.Index + 1}: {running.Text}.", running?.Index));
        }

        // A scenario read back as it ends has no unfinished step but the one a resumed run re-runs; none is Aborted.
        foreach (var step in scenario.Steps.Where(s => !ending || s.Finished))
        {
            var outcome = VerdictOf(scenario, step);
            reasons.Add(new VerdictReason(outcome, VerdictSource.Step,
                $"step {step.Index + 1} ({step.Text}) {step.Outcome?.ToString().ToLowerInvariant() ?? "did not finish"}{(step.Message is { } m ? ": " + m : "")}", step.Index));
        }

        foreach (var m in scenario.Measurements.Where(m => m.Verdict is not (Verdict.Pass or Verdict.NotSet)))
        {
            var what = m.Verdict == Verdict.Fail ? $"{m.Name} = {m.Value} outside {m.Limit}{Where(m)}" : $"{m.Name} = {m.Value} {m.Verdict} against {m.Limit}{Where(m)}";
            reasons.Add(new VerdictReason(m.Verdict, VerdictSource.Measurement, m.Decision is { } d ? $"{what} ({d})" : what, m.StepIndex));
        }

        foreach (var f in findings.Where(f => f.Verdict is not (Verdict.Pass or Verdict.NotSet)))
        {
            reasons.Add(new VerdictReason(f.Verdict, VerdictSource.Finding, $"{f.Analysis}, {f.Subject}: {f.Statement}"));
        }

        reasons.AddRange(CalibrationAtUse.Reasons(results, scenario));
        reasons.AddRange(EventReasons(results, results.EventsOf(scenario.Info.ScenarioId)));
        var verdict = Verdicts.Worst(reasons.Select(r => r.Verdict));
        return new ScenarioJudgement(scenario, verdict, [.. reasons.Where(r => r.Verdict is not (Verdict.Pass or Verdict.NotSet)).OrderByDescending(r => r.Verdict)]);
    }

    // The conditions that tell one reading of a ladder or a sweep from another, so three failed readings read as three.
    private static readonly string[] Distinguishing = [WellKnownConditions.TotalIonisingDose, WellKnownConditions.AnnealTime, WellKnownConditions.LinearEnergyTransfer, "chamber setpoint"];

    private static string Where(MeasurementResult m)
    {
        var where = Distinguishing.Where(m.Conditions.ContainsKey).Select(c => $"{c} {m.Conditions[c]}").ToList();
        return where.Count == 0 ? "" : $" at {string.Join(", ", where)}";
    }

    // A stop that a later resume took up no longer decides: the resumed run finished what the stop left, and its own
    // end (or a later stop) is what the verdict reads. The stop stays in the record and in the deviations log.
    private static IEnumerable<VerdictReason> EventReasons(RunResults results, IEnumerable<BenchEventRecorded> events)
    {
        var lastResume = -1;
        for (var i = 0; i < results.Events.Count; i++)
        {
            lastResume = results.Events[i].Kind == BenchEventKind.RunResumed ? i : lastResume;
        }

        var takenUp = results.Events.Take(Math.Max(lastResume, 0)).Where(e => e.Kind == BenchEventKind.RunAborted).ToHashSet(ReferenceEqualityComparer.Instance);
        return EventReasonsOf(events.Where(e => !takenUp.Contains(e)));
    }

    private static IEnumerable<VerdictReason> EventReasonsOf(IEnumerable<BenchEventRecorded> events) => events.Select(e => e.Kind switch
    {
        BenchEventKind.RunAborted => new VerdictReason(Verdict.Aborted, VerdictSource.Event, e.Message, e.StepIndex),
        BenchEventKind.HookFailed => new VerdictReason(Verdict.Error, VerdictSource.Event, e.Message, e.StepIndex),
        _ => null,
    }).OfType<VerdictReason>();
}
