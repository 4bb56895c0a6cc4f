using MathNet.Numerics.Distributions;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests.Analysis;

public class WeibullCrossSectionFitTests
{
    // A memory of 1000 bits with bulk-SRAM-like bits (reference §2: 5e-9 cm²/bit, L0 1.5, W 20 MeV·cm²/mg,
    // s 1.8): σsat 5e-6 cm² per device, about 50 events at saturation for 1e7 ions/cm².
    private const double Saturated = 5e-6;
    private const double Threshold = 1.5;
    private const double Width = 20;
    private const double Shape = 1.8;
    private static readonly double[] Lets = [1, 2, 3, 5, 8, 12, 18, 25, 35, 45, 60, 75];

    internal static List<SingleEventExposure> Campaign(int seed, double fluence = 1e7, double tiltDegrees = 0)
    {
        var random = new Random(seed);
        var cosine = Math.Cos(tiltDegrees * Math.PI / 180);
        return Lets.Select(let =>
        {
            var effectiveLet = let / cosine;
            var expected = fluence * cosine * WeibullFitResult.Evaluate(effectiveLet, Saturated, Threshold, Width, Shape);
            return new SingleEventExposure(
                new Quantity(let, CrossSectionAnalysis.LetUnit), new Quantity(tiltDegrees, Units.Parse("°")),
                new Quantity(fluence, CrossSectionAnalysis.FluenceUnit), expected > 0 ? Poisson.Sample(random, expected) : 0);
        }).ToList();
    }

    [Test]
    public void Recovers_the_parameters_of_a_synthetic_campaign_within_their_confidence_intervals()
    {
        var fit = WeibullCrossSectionFit.Fit(CrossSectionAnalysis.Compute(Campaign(seed: 7)));

        Assert.That(fit.Converged, Is.True);
        AssertWithin(fit.SaturatedCrossSection, Saturated);
        AssertWithin(fit.Threshold, Threshold);
        AssertWithin(fit.Width, Width);
        AssertWithin(fit.Shape, Shape);
        Assert.That(fit.SaturatedCrossSection.Value.Unit.Symbol, Is.EqualTo("cm²"));
        Assert.That(fit.Threshold.Value.Unit.Symbol, Is.EqualTo("MeV·cm²/mg"));
    }

    [Test]
    public void Its_confidence_intervals_cover_the_true_parameters_as_often_as_they_claim()
    {
        // Over many seeded campaigns the 95 % intervals should hold the truth about 95 % of the time.
        // Accept 88 % or better (three binomial standard deviations below 95 % for 100 campaigns): Wald
        // intervals from the Fisher information alone cover the onset only about 79 % of the time.
        const int campaigns = 100;
        var covered = new int[4];
        var truths = new[] { Saturated, Threshold, Width, Shape };
        for (var seed = 1000; seed < 1000 + campaigns; seed++)
        {
            var fit = WeibullCrossSectionFit.Fit(CrossSectionAnalysis.Compute(Campaign(seed, fluence: 3e7)));
            for (var k = 0; k < 4; k++)
            {
                var parameter = fit.Parameters[k];
                if (parameter.Covers(truths[k]))
                {
                    covered[k]++;
                }
            }
        }

        Assert.Multiple(() =>
        {
            for (var k = 0; k < 4; k++)
            {
                Assert.That(covered[k] / (double)campaigns, Is.GreaterThanOrEqualTo(0.88), $"coverage of parameter {k}");
            }
        });
    }

    [Test]
    public void Tilted_exposures_are_fitted_at_their_effective_LET()
    {
        var fit = WeibullCrossSectionFit.Fit(CrossSectionAnalysis.Compute(Campaign(seed: 12, fluence: 2e7, tiltDegrees: 45)));

        AssertWithin(fit.SaturatedCrossSection, Saturated);
        AssertWithin(fit.Threshold, Threshold);
    }

    [Test]
    public void Too_few_exposures_are_refused_with_the_reason()
    {
        var points = CrossSectionAnalysis.Compute(Campaign(seed: 3).Take(4));

        var error = Assert.Throws<AnalysisException>(() => WeibullCrossSectionFit.Fit(points));
        Assert.That(error!.Message, Does.Contain("at least 5 exposures"));
    }

    [Test]
    public void Exposures_without_events_at_three_LETs_are_refused()
    {
        var silent = Campaign(seed: 3).Select(e => e with { Events = e.LinearEnergyTransfer.Value >= 60 ? 10 : 0 }).ToList();

        var error = Assert.Throws<AnalysisException>(() => WeibullCrossSectionFit.Fit(CrossSectionAnalysis.Compute(silent)));
        Assert.That(error!.Message, Does.Contain("three or more distinct effective LETs"));
    }

    private static void AssertWithin(FittedParameter parameter, double truth)
    {
        Assert.That(parameter.Determined, Is.True, parameter.Name);
        Assert.That(parameter.Covers(truth), Is.True, $"{parameter} should cover {truth}");
    }
}
