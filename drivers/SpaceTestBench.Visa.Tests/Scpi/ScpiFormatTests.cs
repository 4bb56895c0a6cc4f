using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Visa.Tests.Scpi;

public sealed class ScpiFormatTests
{
    [TestCase(1.8, "+1.80000000E+00")]
    [TestCase(-290.378197, "-2.90378197E+02")]
    [TestCase(0.0, "+0.00000000E+00")]
    [TestCase(-0.0, "+0.00000000E+00")] // a negated zero loss (−|0 dB|) once went out as "+-0.00000000E+00"
    [TestCase(double.NaN, "9.91E+37")]
    public void NR3_carries_one_sign_and_eight_fraction_digits(double value, string expected) =>
        Assert.That(ScpiFormat.Nr3(value), Is.EqualTo(expected));
}
