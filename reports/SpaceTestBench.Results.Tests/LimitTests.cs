using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests;

public class LimitTests
{
    private static Quantity Q(string text) => Quantity.Parse(text);

    [TestCase("150 mA", Verdict.Pass)]
    [TestCase("450 mA", Verdict.Pass)]
    [TestCase("0.451 A", Verdict.Fail)]
    [TestCase("149.9 mA", Verdict.Fail)]
    public void Between_includes_its_bounds(string value, Verdict verdict) =>
        Assert.That(Limit.Between(Q("150 mA"), Q("450 mA")).Evaluate(Q(value)), Is.EqualTo(verdict));

    [TestCase("150 mA", Verdict.Fail)]
    [TestCase("300 mA", Verdict.Pass)]
    [TestCase("450 mA", Verdict.Fail)]
    public void Strictly_between_excludes_its_bounds(string value, Verdict verdict) =>
        Assert.That(Limit.StrictlyBetween(Q("150 mA"), Q("450 mA")).Evaluate(Q(value)), Is.EqualTo(verdict));

    [Test]
    public void One_sided_limits_judge_their_side()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Limit.AtLeast(Q("1 V")).Evaluate(Q("1 V")), Is.EqualTo(Verdict.Pass));
            Assert.That(Limit.Above(Q("1 V")).Evaluate(Q("1 V")), Is.EqualTo(Verdict.Fail));
            Assert.That(Limit.AtMost(Q("1 V")).Evaluate(Q("1000 mV")), Is.EqualTo(Verdict.Pass));
            Assert.That(Limit.Below(Q("1 V")).Evaluate(Q("1000 mV")), Is.EqualTo(Verdict.Fail));
            Assert.That(Limit.Below(Q("1 V")).Evaluate(Q("0.99 V")), Is.EqualTo(Verdict.Pass));
        });
    }

    [TestCase("1.818 V", Verdict.Pass)]
    [TestCase("1.782 V", Verdict.Pass)]
    [TestCase("1.7819 V", Verdict.Fail)]
    public void Equal_within_tolerance_is_nominal_plus_or_minus_tolerance(string value, Verdict verdict) =>
        Assert.That(Limit.Within(Q("1.8 V"), Q("18 mV")).Evaluate(Q(value)), Is.EqualTo(verdict));

    [Test]
    public void A_temperature_tolerance_is_a_difference_not_an_absolute_temperature()
    {
        var limit = Limit.Within(Q("125 °C"), Q("2 °C"));

        Assert.That(limit.Evaluate(Q("126.5 °C")), Is.EqualTo(Verdict.Pass));
        Assert.That(limit.Evaluate(Q("130 °C")), Is.EqualTo(Verdict.Fail));
        Assert.That(limit.UpperBound!.Value.In(Units.DegreeCelsius), Is.EqualTo(127).Within(1e-9));
    }

    [Test]
    public void Judging_a_current_against_a_voltage_limit_is_an_error()
    {
        Assert.Throws<UnitMismatchException>(() => Limit.Between(Q("1.7 V"), Q("1.9 V")).Evaluate(Q("300 mA")));
    }

    [Test]
    public void Bounds_of_different_dimensions_are_refused()
    {
        Assert.Throws<UnitMismatchException>(() => Limit.Between(Q("1 mA"), Q("2 V")));
    }

    [Test]
    public void A_limit_without_the_bounds_its_comparison_needs_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Limit.FromParts(LimitComparison.GELE, Q("1 V"), null, null, null));
        Assert.That(error!.Message, Does.Contain("a low and a high bound"));
    }

    [Test]
    public void A_logarithmic_tolerance_is_refused()
    {
        Assert.Throws<UnitMismatchException>(() => Limit.Within(Q("-30 dBm"), Q("-40 dBm")));
    }

    [Test]
    public void Not_a_number_fails()
    {
        Assert.That(Limit.AtMost(Q("1 V")).Evaluate(new Quantity(double.NaN, Units.Volt)), Is.EqualTo(Verdict.Fail));
    }

    [Test]
    public void Reads_as_people_write_limits()
    {
        Assert.That(Limit.Between(Q("150 mA"), Q("450 mA")).ToString(), Is.EqualTo("150 mA ≤ x ≤ 450 mA"));
        Assert.That(Limit.Within(Q("1.8 V"), Q("18 mV")).ToString(), Is.EqualTo("x = 1.8 V ± 18 mV"));
        Assert.That(Limit.Below(Q("1 A")).ToString(), Is.EqualTo("x < 1 A"));
    }

    [Test]
    public void Representation_noise_at_a_bound_is_the_bound()
    {
        // Issue 15: 1e10 bits in 10 s came out as 0.9999999999 Gbps and "failed" x ≥ 1 Gbps.
        var rate = Quantity.FromSi(9_999_999_999.999998 / 10, Units.Parse("Gbps"));
        Assert.Multiple(() =>
        {
            Assert.That(Limit.AtLeast(Q("1 Gbps")).Evaluate(rate), Is.EqualTo(Verdict.Pass), "inclusive bounds take noise as equal");
            Assert.That(Limit.AtMost(Q("0.3 V")).Evaluate(new Quantity(0.1 + 0.2, Units.Volt)), Is.EqualTo(Verdict.Pass), "0.1 + 0.2 is 0.3");
            Assert.That(Limit.Below(Q("0.3 V")).Evaluate(new Quantity(0.3 - 1e-17, Units.Volt)), Is.EqualTo(Verdict.Fail), "strict bounds take noise as equal too");
            Assert.That(Limit.Above(Q("1 V")).Evaluate(new Quantity(1 + 1e-15, Units.Volt)), Is.EqualTo(Verdict.Fail));
            Assert.That(Limit.AtLeast(Q("1 Gbps")).Evaluate(Q("0.999999 Gbps")), Is.EqualTo(Verdict.Fail), "a real shortfall, 1 ppm, still fails");
            Assert.That(Limit.AtMost(new Quantity(0, Units.One)).Evaluate(new Quantity(1e-300, Units.One)), Is.EqualTo(Verdict.Fail), "a bound of zero is exact");
        });
    }
}
