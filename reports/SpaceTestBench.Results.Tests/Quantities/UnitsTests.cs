using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests.Quantities;

public class UnitsTests
{
    [TestCase("mA", "current", 1e-3)]
    [TestCase("krad(Si)", "absorbed dose", 10)]
    [TestCase("Gy(Si)", "absorbed dose", 1)]
    [TestCase("ions/cm²", "fluence", 1e4)]
    [TestCase("MeV·cm²/mg", "linear energy transfer", 1.602176634e-13 * 1e-4 / 1e-6)]
    [TestCase("Gbps", "data rate", 1e9)]
    [TestCase("µs", "time", 1e-6)]
    [TestCase("cm-2", "fluence", 1e4)]
    public void Parse_symbols_to_their_dimension_and_scale(string symbol, string dimension, double scale)
    {
        var unit = Units.Parse(symbol);

        Assert.That(unit.Dimension.ToString(), Is.EqualTo(dimension));
        Assert.That(unit.Scale, Is.EqualTo(scale).Within(1e-12 * scale));
        Assert.That(unit.Symbol, Is.EqualTo(symbol));
    }

    [Test]
    public void A_dose_rate_is_dose_per_time()
    {
        Assert.That(Units.Parse("rad(Si)/h").Dimension, Is.EqualTo(Dimension.AbsorbedDoseRate));
        Assert.That(Units.Parse("rad(Si)/h").ToSi(36), Is.EqualTo(1e-4).Within(1e-15));
    }

    [Test]
    public void Celsius_is_an_offset_unit()
    {
        Assert.That(Units.DegreeCelsius.ToSi(-55), Is.EqualTo(218.15).Within(1e-9));
        Assert.That(Units.DegreeCelsius.FromSi(373.15), Is.EqualTo(100).Within(1e-9));
    }

    [Test]
    public void dBm_is_a_logarithmic_power_level()
    {
        Assert.That(Units.DecibelMilliwatt.ToSi(-30), Is.EqualTo(1e-6).Within(1e-18));
        Assert.That(Units.DecibelMilliwatt.FromSi(1e-3), Is.EqualTo(0).Within(1e-12));
        Assert.That(Units.DecibelMilliwatt.IsLinear, Is.False);
    }

    [Test]
    public void Bits_are_information_not_frequency()
    {
        Assert.That(Units.Parse("Gbps").Dimension, Is.Not.EqualTo(Units.Parse("GHz").Dimension));
    }

    [Test]
    public void An_unknown_unit_is_named_in_the_error()
    {
        var error = Assert.Throws<FormatException>(() => Units.Parse("mA/furlong"));
        Assert.That(error!.Message, Does.Contain("'furlong'"));
    }

    [Test]
    public void A_logarithmic_unit_cannot_be_part_of_a_compound()
    {
        var error = Assert.Throws<FormatException>(() => Units.Parse("dBm/s"));
        Assert.That(error!.Message, Does.Contain("logarithmic"));
    }

    [Test]
    public void An_offset_unit_cannot_take_a_prefix()
    {
        Assert.Throws<InvalidOperationException>(() => Units.DegreeCelsius.WithPrefix("m", 1e-3));
    }

    [Test]
    public void Units_are_equal_by_symbol_and_dimension()
    {
        Assert.That(Units.Parse("mA"), Is.EqualTo(Units.Milliampere));
        Assert.That(Units.Parse("mA").GetHashCode(), Is.EqualTo(Units.Milliampere.GetHashCode()));
        Assert.That(Units.Parse("mA"), Is.Not.EqualTo(Units.Parse("mV")));
    }
}
