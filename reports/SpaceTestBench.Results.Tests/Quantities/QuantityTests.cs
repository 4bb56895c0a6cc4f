using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests.Quantities;

public class QuantityTests
{
    [TestCase("1.8 V", 1.8, "V")]
    [TestCase("-55 °C", -55, "°C")]
    [TestCase("−55 °C", -55, "°C")]
    [TestCase("1e7 ions/cm²", 1e7, "ions/cm²")]
    [TestCase("1×10^7 ions/cm²", 1e7, "ions/cm²")]
    [TestCase("36 rad(Si)/h", 36, "rad(Si)/h")]
    [TestCase("95 %", 95, "%")]
    [TestCase("3", 3, "")]
    [TestCase("10 eV", 10, "eV")]
    public void Parse_what_people_write(string text, double value, string unit)
    {
        var quantity = Quantity.Parse(text);

        Assert.That(quantity.Value, Is.EqualTo(value).Within(1e-9 * Math.Max(1, Math.Abs(value))));
        Assert.That(quantity.Unit.Symbol, Is.EqualTo(unit));
    }

    [Test]
    public void Text_without_a_number_is_refused_with_the_reason()
    {
        var error = Assert.Throws<FormatException>(() => Quantity.Parse("mA"));
        Assert.That(error!.Message, Does.Contain("does not start with a number"));
    }

    [Test]
    public void Parsing_with_an_expected_dimension_names_both()
    {
        var error = Assert.Throws<FormatException>(() => QuantityParser.Parse("3 mA", Dimension.Voltage));
        Assert.That(error!.Message, Is.EqualTo("'3 mA' is a current; a voltage is expected."));
    }

    [Test]
    public void Quantities_in_different_units_of_one_dimension_compare_by_value()
    {
        Assert.That(Quantity.Parse("450 mA") < Quantity.Parse("0.5 A"), Is.True);
        Assert.That(Quantity.Parse("1 krad(Si)").CompareTo(Quantity.Parse("10 Gy(Si)")), Is.Zero);
    }

    [Test]
    public void Comparing_a_current_with_a_voltage_is_an_error_not_an_answer()
    {
        var error = Assert.Throws<UnitMismatchException>(() => _ = Quantity.Parse("3 mA") < Quantity.Parse("1 V"));
        Assert.That(error!.Message, Does.Contain("current").And.Contain("voltage"));
    }

    [Test]
    public void Conversion_keeps_the_value_exact_for_decimal_prefixes()
    {
        Assert.That(new Quantity(0.2799, Units.Ampere).In(Units.Milliampere), Is.EqualTo(279.9));
    }

    [Test]
    public void Converting_to_another_dimension_is_an_error()
    {
        Assert.Throws<UnitMismatchException>(() => Quantity.Parse("1 V").ConvertTo(Units.Ampere));
    }

    [Test]
    public void Scaling_an_offset_quantity_scales_the_absolute_value()
    {
        Assert.That((Quantity.Parse("1 mA") * 3).Value, Is.EqualTo(3));
        Assert.That((Quantity.Parse("0 °C") * 2).SiValue, Is.EqualTo(546.3).Within(1e-9));
    }

    [Test]
    public void Formats_with_its_unit()
    {
        Assert.That(Quantity.Parse("1.5 mA").ToString(), Is.EqualTo("1.5 mA"));
        Assert.That(Quantity.Parse("1.5 mA").ToString("0.000"), Is.EqualTo("1.500 mA"));
        Assert.That(new Quantity(3, Units.One).ToString(), Is.EqualTo("3"));
    }
}
