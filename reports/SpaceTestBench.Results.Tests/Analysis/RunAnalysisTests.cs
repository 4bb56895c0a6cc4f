using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Results.Tests.Support;

namespace SpaceTestBench.Results.Tests.Analysis;

public class RunAnalysisTests
{
    private static readonly Unit Krad = Units.Parse("krad(Si)");
    private static readonly double[] Doses = [0, 5, 10, 20, 30, 50, 75, 100];
    private long _sequence;

    private MeasurementResult Measurement(string scenario, string name, Quantity value, Limit? limit, params (string Name, Quantity Value)[] conditions) =>
        new(++_sequence, scenario, 1, name, value, limit, limit?.Evaluate(value) ?? Verdict.NotSet, TestRuns.Start.AddSeconds(_sequence), null, null,
            conditions.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal));

    private static RunResults Run(IReadOnlyList<MeasurementResult> measurements, IReadOnlyList<BenchEventRecorded>? events = null, IReadOnlyList<SeriesResult>? series = null) => new(
        2,
        new RunSummary(TestRuns.Info(), TestRuns.Start, TestRuns.Start.AddHours(1), TestRuns.Start.AddHours(1), Verdict.Pass),
        measurements.GroupBy(m => m.ScenarioId).Select(g => new ScenarioResult(
            new ScenarioInfo(g.Key, "features/x.feature", "X", null, g.Key, 1, []), TestRuns.Start, TestRuns.Start.AddHours(1), Verdict.Pass, null, [], g.ToList()))
            .Concat((series ?? []).Select(s => s.Info.ScenarioId!).Distinct().Except(measurements.Select(m => m.ScenarioId)).Select(id => new ScenarioResult(
                new ScenarioInfo(id, "features/x.feature", "X", null, id, 1, []), TestRuns.Start, TestRuns.Start.AddHours(1), Verdict.Pass, null, [], [])))
            .ToList(),
        events ?? [],
        series ?? [],
        []);

    /// <summary>A ladder of one sample at one dose rate: 300 mA + slope·D, a little scatter, the D = 0 reference without a dose rate.</summary>
    private IEnumerable<MeasurementResult> Ladder(string scenario, double sample, double rate, double slope, Limit limit)
    {
        var random = new Random((int)(sample * 10) + (int)rate);
        foreach (var dose in Doses)
        {
            var conditions = new List<(string, Quantity)> { (WellKnownConditions.TotalIonisingDose, new Quantity(dose, Krad)), (WellKnownConditions.Sample, new Quantity(sample, Units.One)) };
            if (dose > 0)
            {
                conditions.Add((WellKnownConditions.DoseRate, new Quantity(rate, Units.Parse("rad(Si)/h"))));
            }

            yield return Measurement(scenario, "core supply current", new Quantity(300 + (slope * dose) + ((random.NextDouble() - 0.5) * 0.4), Units.Milliampere), limit, [.. conditions]);
        }
    }

    [Test]
    public void Drift_is_analysed_per_scenario_sample_and_dose_rate_never_pooled()
    {
        var limit = Limit.AtMost(Quantity.Parse("400 mA"));
        var measurements = Ladder("S1", 1, 50, 0.5, limit).Concat(Ladder("S1", 2, 50, 0.6, limit)).Concat(Ladder("S2", 1, 36000, 0.1, limit)).ToList();

        var analysis = RunAnalysis.Of(Run(measurements));

        Assert.That(analysis.Drifts.Select(d => d.Subject), Is.EquivalentTo(new[] { "core supply current, sample 1, 50 rad(Si)/h", "core supply current, sample 2, 50 rad(Si)/h", "core supply current, sample 1, 36000 rad(Si)/h" }));
        Assert.That(analysis.Drifts.All(d => d.Points.Count == Doses.Length), Is.True, "each group has its own D = 0 reference and its dose steps");
        Assert.That(analysis.Drifts.All(d => d.Result!.PreIrradiationPoints == 1), Is.True);
    }

    [Test]
    public void A_drift_reaching_its_limit_within_the_tested_dose_is_a_Fail_finding()
    {
        var limit = Limit.AtMost(Quantity.Parse("340 mA"));
        var analysis = RunAnalysis.Of(Run(Ladder("S1", 1, 50, 0.5, limit).ToList()));

        var finding = analysis.Findings.Single(f => f.Analysis == AnalysisFindings.Drift);
        Assert.That(finding.Verdict, Is.EqualTo(Verdict.Fail), finding.Statement);
        Assert.That(finding.ScenarioId, Is.EqualTo("S1"));
        Assert.That(finding.Statement, Does.Contain("within the dose tested"));
    }

    [Test]
    public void An_anneal_value_outside_its_limit_is_a_rebound_Fail_finding_with_its_temperature_and_duration()
    {
        var limit = Limit.AtMost(Quantity.Parse("400 mA"));
        var measurements = Ladder("S1", 1, 50, 0.5, limit).ToList();
        measurements.Add(Measurement("S1", "core supply current", Quantity.Parse("420 mA"), limit,
            (WellKnownConditions.TotalIonisingDose, new Quantity(100, Krad)), (WellKnownConditions.Sample, new Quantity(1, Units.One)),
            (WellKnownConditions.DoseRate, new Quantity(50, Units.Parse("rad(Si)/h"))), (WellKnownConditions.AnnealTime, Quantity.Parse("168 h")),
            (WellKnownConditions.AnnealTemperature, Quantity.Parse("100 °C"))));

        var analysis = RunAnalysis.Of(Run(measurements));

        var rebound = analysis.Findings.Single(f => f.Analysis == AnalysisFindings.Anneal);
        Assert.That(rebound.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(rebound.Statement, Does.StartWith("Rebound: 420 mA after 168 h of anneal at 100 °C"), "it passed at the last dose step");
        Assert.That(analysis.Drifts.Single().Result!.Model, Is.Not.Null, "the anneal point is not fitted");
    }

    [Test]
    public void A_pass_fail_result_is_not_fitted_and_its_finding_says_why()
    {
        var limit = Limit.Within(new Quantity(0, Units.One), new Quantity(0, Units.One));
        var measurements = Doses.Select(d => Measurement("S1", "functional test result", new Quantity(0, Units.One), limit, (WellKnownConditions.TotalIonisingDose, new Quantity(d, Krad)))).ToList();

        var analysis = RunAnalysis.Of(Run(measurements));

        var finding = analysis.Findings.Single();
        Assert.That(finding.Verdict, Is.EqualTo(Verdict.NotSet));
        Assert.That(finding.Statement, Does.Contain("pass/fail result"));
    }

    [Test]
    public void Inference_errors_are_counts_not_a_ratio_rounded_to_a_count_and_a_rate_limit_is_judged_on_its_bound()
    {
        // The commercial report's row: a ratio of 647/182,328 recorded with the count beside it.
        var measurements = new[]
        {
            Measurement("S1", "inference error ratio", new Quantity(647 / 182_328.0, Units.One), Limit.AtMost(new Quantity(1e-4, Units.One)),
                (WellKnownConditions.Inferences, new Quantity(182_328, Units.One)), (WellKnownConditions.ErrorsCounted, new Quantity(647, Units.One))),
            Measurement("S2", "inference error ratio", new Quantity(0, Units.One), Limit.AtMost(new Quantity(1e-4, Units.One)),
                (WellKnownConditions.Inferences, new Quantity(10_000, Units.One))),
        };

        var analysis = RunAnalysis.Of(Run(measurements));

        var points = analysis.InferenceErrors.Single().Points;
        Assert.That(points[0].Errors, Is.EqualTo(647));
        Assert.That(points[0].Demonstration!.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(points[1].Demonstration!.Verdict, Is.EqualTo(Verdict.Inconclusive), "0 in 10,000 does not demonstrate 1e-4");
        Assert.That(analysis.Findings.Where(f => f.Analysis == AnalysisFindings.Inference).Select(f => f.Verdict), Is.EqualTo(new[] { Verdict.Fail, Verdict.Inconclusive }));
    }

    [Test]
    public void Thermal_stability_uses_the_criteria_the_scenario_recorded()
    {
        var origin = TestRuns.Start;
        var setpoint = new SeriesResult(new SeriesInfo(1, "T1", 1, WellKnownSeries.ChamberSetpoint, SeriesKind.Time, "time", Units.Second, Units.DegreeCelsius, null, null, origin), new double[] { 0 }, new double[] { 25 });
        var times = Enumerable.Range(0, 960).Select(i => i * 30.0).ToArray();
        var dut = new SeriesResult(new SeriesInfo(2, "T1", 1, WellKnownSeries.DutTemperature, SeriesKind.Time, "time", Units.Second, Units.DegreeCelsius, null, null, origin), times, times.Select(_ => 25.0).ToArray());
        var criteria = new BenchEventRecorded(origin, "T1", 1, BenchEventKind.Criteria, null, "thermal stability criteria", new Dictionary<string, Quantity>
        {
            [WellKnownCriteria.StabilityTolerance] = Quantity.Parse("3 K"),
            [WellKnownCriteria.StabilityRate] = Quantity.Parse("3 K/h"),
            [WellKnownCriteria.StabilityWindow] = Quantity.Parse("30 min"),
            [WellKnownCriteria.Dwell] = Quantity.Parse("6 h"),
        });

        var analysis = RunAnalysis.Of(Run([], [criteria], [setpoint, dut]));

        var result = analysis.ThermalProfiles.Single().Result!;
        Assert.That(result.Criteria.Source, Is.EqualTo("the scenario's criteria"));
        Assert.That(result.Criteria.RequiredDwell, Is.EqualTo(TimeSpan.FromHours(6)));
        var finding = analysis.Findings.Single(f => f.Analysis == AnalysisFindings.Thermal);
        Assert.That(finding.Verdict, Is.EqualTo(Verdict.Pass), finding.Statement);
        Assert.That(finding.Statement, Does.Contain("1 of 1 plateaus stable for the dwell (the scenario's criteria)"));
    }
}
