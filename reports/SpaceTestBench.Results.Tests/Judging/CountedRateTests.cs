using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests.Judging;

public class CountedRateTests
{
    private static readonly Limit OneIn10000 = Limit.AtMost(new Quantity(1e-4, Units.One));

    private static CountedRate Inferences(long errors, long inferences) => new(errors, inferences, Units.One, "errors", n => $"{n:N0} inferences");

    [Test]
    public void Zero_errors_in_ten_thousand_inferences_cannot_show_one_in_ten_thousand_and_say_what_would()
    {
        var judged = Inferences(0, 10_000).Judge(OneIn10000);

        Assert.Multiple(() =>
        {
            Assert.That(judged.Verdict, Is.EqualTo(Verdict.Inconclusive));
            Assert.That(judged.Rate.UpperBound.Value, Is.EqualTo(2.9957e-4).Within(1e-7), "−ln 0.05 / 10,000: the one-sided 95 % bound");
            Assert.That(judged.ExposureNeeded, Is.EqualTo(29_957.3).Within(0.1));
            Assert.That(judged.Decision, Is.EqualTo("0 errors in 10,000 inferences: one-sided 95 % upper bound 3e-4 > 1e-4; 29,958 inferences without an error needed to demonstrate it"));
        });
    }

    [TestCase(0, 29_958, Verdict.Pass)]
    [TestCase(0, 29_956, Verdict.Inconclusive)]
    [TestCase(3, 70_000, Verdict.Inconclusive)] // the point estimate 4.3e-5 meets the limit; its upper bound 1.1e-4 does not (from 77,540 on it does)
    [TestCase(3, 80_000, Verdict.Pass)]
    [TestCase(647, 182_328, Verdict.Fail)] // the commercial run: the lower bound is far above the limit
    [TestCase(2, 10_000, Verdict.Inconclusive)] // 2e-4 measured, but 2 events do not show it exceeds 1e-4
    [TestCase(9, 10_000, Verdict.Fail)]
    public void A_rate_passes_on_its_upper_bound_and_fails_on_its_lower_bound(long errors, long inferences, Verdict verdict) =>
        Assert.That(Inferences(errors, inferences).Judge(OneIn10000).Verdict, Is.EqualTo(verdict));

    [Test]
    public void A_cross_section_is_judged_per_fluence_in_its_own_unit()
    {
        var ionsPerCm2 = Units.Parse("ions/cm²");
        var rate = new CountedRate(0, new Quantity(1e7, ionsPerCm2).SiValue, Units.Parse("cm²"), "events", n => $"{Quantity.FromSi(n, ionsPerCm2).ToString("0.##e+0")}");

        var judged = rate.Judge(Limit.AtMost(Quantity.Parse("1e-7 cm²")));

        Assert.Multiple(() =>
        {
            Assert.That(rate.UpperBound.Value, Is.EqualTo(2.9957e-7).Within(1e-10), "3.00/Φ, not the two-sided 3.69/Φ");
            Assert.That(judged.Verdict, Is.EqualTo(Verdict.Inconclusive));
            Assert.That(judged.Decision, Does.Contain("one-sided 95 % upper bound 3e-7 cm² > 1e-7 cm²").And.Contain("3e+7 ions/cm² without an event needed"));
            Assert.That(rate.Judge(Limit.AtMost(Quantity.Parse("1e-6 cm²"))).Verdict, Is.EqualTo(Verdict.Pass));
        });
    }

    [Test]
    public void Only_an_upper_limit_judges_a_rate() =>
        Assert.That(() => Inferences(0, 10).Judge(Limit.AtLeast(new Quantity(1e-4, Units.One))), Throws.ArgumentException);
}
