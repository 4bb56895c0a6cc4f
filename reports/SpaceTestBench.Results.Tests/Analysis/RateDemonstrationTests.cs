using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests.Analysis;

public class RateDemonstrationTests
{
    [Test]
    public void Zero_errors_in_ten_thousand_inferences_do_not_demonstrate_one_in_ten_thousand()
    {
        var demonstration = RateDemonstration.Of(0, 10_000, 1e-4);

        Assert.Multiple(() =>
        {
            Assert.That(demonstration.UpperBound, Is.EqualTo(2.9957e-4).Within(1e-7), "−ln(0.05)/10,000");
            Assert.That(demonstration.Demonstrated, Is.False);
            Assert.That(demonstration.Verdict, Is.EqualTo(Verdict.Inconclusive));
            Assert.That(demonstration.ExposureNeeded, Is.EqualTo(29_957).Within(1));
            Assert.That(demonstration.FurtherExposureNeeded, Is.EqualTo(19_957).Within(1));
            Assert.That(demonstration.Describe("inferences"), Does.Contain("one-sided 95 % upper bound").And.Contain("29,957 inferences"));
        });
    }

    [Test]
    public void A_ber_of_1e_minus_12_at_95_percent_needs_three_terabits_without_an_error()
    {
        Assert.That(RateDemonstration.ExposureToDemonstrate(1e-12), Is.EqualTo(2.9957e12).Within(1e8));
        Assert.That(RateDemonstration.Of(0, 1e10, 1e-12).UpperBound, Is.EqualTo(2.9957e-10).Within(1e-13), "a 10 s gate at 1 Gbps supports 3.0e-10 at best");
    }

    [Test]
    public void Enough_error_free_trials_demonstrate_the_limit()
    {
        var demonstration = RateDemonstration.Of(0, 30_000, 1e-4);

        Assert.That(demonstration.Demonstrated, Is.True);
        Assert.That(demonstration.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(demonstration.Describe(), Does.EndWith("demonstrated."));
    }

    [Test]
    public void With_events_the_chi_squared_bound_is_used()
    {
        // k = 3: χ²(0.95; 8)/2 = 7.754.
        var demonstration = RateDemonstration.Of(3, 100_000, 1e-4);

        Assert.That(demonstration.UpperBound, Is.EqualTo(7.7537e-5).Within(1e-8));
        Assert.That(demonstration.Demonstrated, Is.True);
        Assert.That(RateDemonstration.ExposureToDemonstrate(1e-4, 0.95, 3), Is.EqualTo(77_537).Within(1));
    }

    [Test]
    public void A_count_far_above_the_limit_fails()
    {
        // The commercial accelerator: 647 errors in 182,328 inferences against 1e-4.
        var demonstration = RateDemonstration.Of(647, 182_328, 1e-4);

        Assert.That(demonstration.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(demonstration.LowerBound, Is.GreaterThan(3e-3));
    }

    [Test]
    public void A_count_shown_to_exceed_the_limit_says_so_rather_than_what_would_demonstrate_it() =>
        Assert.That(RateDemonstration.Of(647, 182_328, 1e-4).Describe("inferences"), Does.EndWith("the rate exceeds the limit."));

    [Test]
    public void A_step_s_counted_rate_and_the_report_s_analysis_decide_alike()
    {
        // One rule: the measurement a step records (CountedRate) and the finding the report's analysis draws
        // (RateDemonstration) are the same decision, for every count, exposure and kind of upper limit.
        foreach (var limit in new[] { Limit.AtMost(new Quantity(1e-4, Units.One)), Limit.Below(new Quantity(1e-4, Units.One)) })
        {
            foreach (var (errors, inferences) in new (long, long)[] { (0, 10_000), (0, 29_958), (3, 70_000), (3, 80_000), (2, 10_000), (9, 10_000), (647, 182_328) })
            {
                var step = new SpaceTestBench.Results.Judging.CountedRate(errors, inferences, Units.One, "errors", n => $"{n:N0} inferences").Judge(limit).Verdict;
                Assert.That(RateDemonstration.Of(errors, inferences, limit).Verdict, Is.EqualTo(step), $"{errors} in {inferences} against {limit}");
            }
        }
    }

    [Test]
    public void Only_an_upper_limit_judges_a_count() =>
        Assert.That(() => RateDemonstration.Of(0, 10, Limit.AtLeast(new Quantity(1e-4, Units.One))), Throws.ArgumentException);

    [Test]
    public void Garwood_conventions_are_labelled()
    {
        Assert.That(PoissonInterval.TwoSided(0).Convention, Is.EqualTo("two-sided 95 % (Garwood)"));
        Assert.That(PoissonInterval.UpperBound(0).Convention, Is.EqualTo("one-sided 95 % upper bound (Garwood)"));
        Assert.That(PoissonInterval.TwoSided(0).Upper, Is.EqualTo(3.689).Within(1e-3));
        Assert.That(PoissonInterval.UpperBound(0).Upper, Is.EqualTo(2.996).Within(1e-3));
    }
}
