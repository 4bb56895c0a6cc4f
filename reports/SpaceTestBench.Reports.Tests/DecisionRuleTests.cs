using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests;

/// <summary>Each limit's judgement states its decision rule and the uncertainty it used — only what the data carry.</summary>
public sealed class DecisionRuleTests
{
    [Test]
    public void A_limit_states_its_decision_rule_with_the_uncertainty_the_data_carry_or_says_none_was_stated()
    {
        var folder = Path.Combine(TestRepository.ScratchFolder("decision-rule"), "run");
        var clock = new ManualClock(SyntheticCampaign.Start);
        using (var store = SqliteResultStore.Create(folder))
        {
            var recorder = new ResultRecorder(clock, store);
            recorder.StartRun(SyntheticCampaign.Info("run"));
            var scenario = recorder.StartScenario("radiation/single-event-effects.feature", "SEE", null, "SEU at LET 62.5", 12, []);
            scenario.StepStarted(0, "When the DUT is exposed");
            var fluence = new Quantity(1e7, Units.Parse("ions/cm²"));
            foreach (var uncertainty in new[] { 0.08, 0.12 })
            {
                scenario.Measure("SEU cross-section", new Quantity(2e-8, Units.Parse("cm²/bit")), Limit.AtMost(new Quantity(1e-7, Units.Parse("cm²/bit"))), "particle beam",
                    conditions: new Dictionary<string, Quantity> { [WellKnownConditions.Fluence] = fluence, [WellKnownConditions.FluenceUncertainty] = new Quantity(uncertainty, Units.One) });
            }

            scenario.Measure("DUT supply current", new Quantity(300, Units.Milliampere), SyntheticCampaign.SupplyLimit, "DUT supply");
            var ratio = Limit.AtMost(new Quantity(1e-4, Units.One));
            scenario.MeasureCountedRate("inference error ratio", new Results.Judging.CountedRate(0, 50_000, Units.One, "errors", n => $"{n:N0} inferences"), ratio, "DUT");
            scenario.MeasureCountedRate("inference error ratio", new Results.Judging.CountedRate(0, 5_000, Units.One, "errors", n => $"{n:N0} inferences"), ratio, "DUT", notTestedFor: "a run counting other effects");
            scenario.StepFinished(0, "When ", "the DUT is exposed", 13, StepOutcome.Passed, TimeSpan.FromSeconds(1), null);
            scenario.Finish(Verdict.Pass, null);
            recorder.FinishRun(SyntheticCampaign.Start.AddHours(1), Verdict.Pass);
        }

        var report = File.ReadAllText(ReportRenderer.Render(folder).Report);
        var start = report.IndexOf("id=\"decision-rules\"", StringComparison.Ordinal);
        var table = report[start..report.IndexOf("</table>", start, StringComparison.Ordinal)];

        Assert.That(table, Does.Contain("<td>SEU cross-section</td><td>x ≤ 1E-07 cm²/bit</td><td>2</td><td>2</td><td>0</td><td>simple acceptance (ILAC-G8 §4.2.1, w = 0)</td><td>fluence ± 8 %–12 % (k = 1) carried by the data; not used by the decision</td>"));
        Assert.That(table, Does.Contain("<td>inference error ratio</td><td>x ≤ 0.0001</td><td>1</td><td>1</td><td>0</td><td>counted rate on its one-sided 95 % Poisson bounds (Pass: upper bound meets the limit; Fail: lower bound misses it; else Inconclusive)</td><td>Poisson counting uncertainty, used by the decision</td>"),
            "a counted rate's rule is its bounds, and the one recorded without a verdict is not counted as judged");
        Assert.That(table, Does.Contain("<td>DUT supply current</td><td>150 mA ≤ x ≤ 450 mA</td><td>1</td><td>1</td><td>0</td><td>simple acceptance (ILAC-G8 §4.2.1, w = 0)</td><td>simple acceptance, uncertainty not stated</td>"));
    }
}
