using MathNet.Numerics.Distributions;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests.Analysis;

public class ParametricDriftAnalysisTests
{
    // Leakage onset: I(D) = 200 mA + 0.5 mA·D^1.6 (D in krad(Si)); it reaches 450 mA at 500^(1/1.6) ≈ 48.6 krad(Si).
    private const double P0 = 200;
    private const double Coefficient = 0.5;
    private const double Exponent = 1.6;
    private static readonly double TrueFailureDose = Math.Pow((450 - P0) / Coefficient, 1 / Exponent);
    private static readonly double[] Steps = [0, 5, 10, 20, 30, 50, 75, 100];
    private static readonly Unit Krad = Units.Parse("krad(Si)");
    private static readonly Limit SupplyCurrent = Limit.Between(Quantity.Parse("150 mA"), Quantity.Parse("450 mA"));

    internal static List<DosePoint> Ladder(int seed, double noise = 2, int samples = 3)
    {
        var random = new Random(seed);
        var points = new List<DosePoint>();
        foreach (var dose in Steps)
        {
            for (var s = 0; s < samples; s++)
            {
                var value = P0 + (Coefficient * Math.Pow(dose, Exponent)) + Normal.Sample(random, 0, noise);
                points.Add(new DosePoint(new Quantity(dose, Krad), new Quantity(value, Units.Milliampere)));
            }
        }

        return points;
    }

    [Test]
    public void Recovers_the_drift_law_and_the_failure_dose_of_a_synthetic_ladder()
    {
        var drift = ParametricDriftAnalysis.Fit("DUT supply current", Ladder(seed: 5), SupplyCurrent);

        Assert.That(drift.PreIrradiation.Covers(P0), Is.True, drift.PreIrradiation.ToString());
        Assert.That(drift.Exponent.Covers(Exponent), Is.True, drift.Exponent.ToString());
        Assert.That(drift.FailureDose, Is.Not.Null);
        Assert.That(drift.FailureDose!.Covers(TrueFailureDose), Is.True, drift.FailureDose.ToString());
        Assert.That(drift.FailureDose.Value.Unit.Symbol, Is.EqualTo("krad(Si)"));
        Assert.That(drift.ResidualStandardDeviation, Is.EqualTo(2).Within(1));
    }

    [Test]
    public void Brackets_the_failure_between_the_last_passing_and_first_failing_dose_steps()
    {
        var drift = ParametricDriftAnalysis.Fit("DUT supply current", Ladder(seed: 5), SupplyCurrent);

        Assert.That(drift.LastPassingDose!.Value.Value, Is.EqualTo(30));
        Assert.That(drift.FirstFailingDose!.Value.Value, Is.EqualTo(50));
        Assert.That(drift.FailureDoseExtrapolated, Is.False);
    }

    [Test]
    public void Its_failure_dose_intervals_cover_the_true_failure_dose_as_often_as_they_claim()
    {
        const int ladders = 200;
        var covered = 0;
        for (var seed = 0; seed < ladders; seed++)
        {
            var drift = ParametricDriftAnalysis.Fit("DUT supply current", Ladder(seed, noise: 5), SupplyCurrent);
            covered += drift.FailureDose!.Covers(TrueFailureDose) ? 1 : 0;
        }

        Assert.That(covered / (double)ladders, Is.GreaterThanOrEqualTo(0.90));
    }

    [Test]
    public void A_falling_parametric_fails_at_its_lower_limit()
    {
        // A threshold voltage falling as 700 mV − 8 mV·D^0.7 crosses 600 mV at 12.5^(1/0.7) ≈ 36.9 krad(Si).
        var random = new Random(9);
        var points = Steps.Select(d => new DosePoint(new Quantity(d, Krad), new Quantity(700 - (8 * Math.Pow(d, 0.7)) + Normal.Sample(random, 0, 0.5), Units.Parse("mV")))).ToList();

        var drift = ParametricDriftAnalysis.Fit("threshold voltage", points, Limit.AtLeast(Quantity.Parse("0.6 V")));

        Assert.That(drift.FailureDose!.Covers(Math.Pow(12.5, 1 / 0.7)), Is.True, drift.FailureDose.ToString());
    }

    [Test]
    public void A_parametric_that_never_reaches_its_limit_has_no_failure_dose()
    {
        var drift = ParametricDriftAnalysis.Fit("DUT supply current", Ladder(seed: 5), Limit.AtMost(Quantity.Parse("5 A")));

        Assert.That(drift.FailureDose!.Value.Value, Is.GreaterThan(100));
        Assert.That(drift.FailureDoseExtrapolated, Is.True);
        Assert.That(drift.FirstFailingDose, Is.Null);
    }

    // A 25 krad(Si) ladder of the simulated rad-hard SoC at 18 krad(Si)/h: parametrics that barely drift.
    private static readonly double[] FlatLadderDoses = [2.00071893, 3.99826524, 8.0326492, 12.0154591, 16.022733, 19.9565449, 25.0693205];

    [TestCase("functional test result", "", new[] { 0.0, 0, 0, 0, 0, 0, 0 })]
    [TestCase("core supply current", "mA", new[] { 301.802468, 302.114847, 302.211148, 302.209215, 302.105334, 302.148676, 302.167523 })]
    [TestCase("threshold voltage", "mV", new[] { 449.574805, 449.36503, 449.030902, 448.762937, 448.294679, 447.964994, 447.111165 })]
    public void A_parametric_that_barely_drifts_gets_a_fit_or_an_analysis_error_never_a_crash(string name, string unit, double[] values)
    {
        var points = FlatLadderDoses.Zip(values, (d, v) => new DosePoint(new Quantity(d, Krad), new Quantity(v, Units.Parse(unit)))).ToList();

        try
        {
            var drift = ParametricDriftAnalysis.Fit(name, points, null);
            Assert.That(double.IsFinite(drift.PreIrradiation.Value.Value), Is.True, "a fit has a finite pre-irradiation value");
        }
        catch (AnalysisException e)
        {
            Assert.That(e.Message, Does.Contain($"'{name}'"), "the analysis error names the parametric");
        }
    }

    [Test]
    public void Anneal_points_are_judged_but_not_fitted()
    {
        var points = Ladder(seed: 5);
        var fitted = ParametricDriftAnalysis.Fit("I", points, SupplyCurrent);
        points.Add(new DosePoint(new Quantity(100, Krad), Quantity.Parse("10 A"), Quantity.Parse("168 h")));

        var withAnneal = ParametricDriftAnalysis.Fit("I", points, SupplyCurrent);

        Assert.That(withAnneal.Exponent.Value.Value, Is.EqualTo(fitted.Exponent.Value.Value));
    }

    [Test]
    public void Too_few_dose_steps_are_refused()
    {
        var points = Ladder(seed: 1).Where(p => p.Dose.Value <= 10).ToList();

        var error = Assert.Throws<AnalysisException>(() => ParametricDriftAnalysis.Fit("I", points));
        Assert.That(error!.Message, Does.Contain("at least 4 dose steps"));
    }

    [Test]
    public void A_limit_of_another_dimension_is_refused()
    {
        var error = Assert.Throws<AnalysisException>(() => ParametricDriftAnalysis.Fit("I", Ladder(seed: 1), Limit.AtMost(Quantity.Parse("2 V"))));
        Assert.That(error!.Message, Does.Contain("voltage"));
    }

    [Test]
    public void A_part_outside_its_limit_before_irradiation_fails_at_zero_dose()
    {
        var drift = ParametricDriftAnalysis.Fit("I", Ladder(seed: 1), Limit.AtMost(Quantity.Parse("100 mA")));

        Assert.That(drift.FailsBeforeIrradiation, Is.True);
        Assert.That(drift.FailureDose, Is.Null);
        Assert.That(drift.FirstFailingDose!.Value.Value, Is.Zero);
    }
}
