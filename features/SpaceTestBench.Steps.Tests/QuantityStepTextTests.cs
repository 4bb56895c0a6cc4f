using System.Text.RegularExpressions;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Steps.Parameters;

namespace SpaceTestBench.Steps.Tests;

public sealed class QuantityStepTextTests
{
    private static readonly Regex Quantity = new($"^(?:{QuantityKinds.QuantityRegex})$");

    [TestCase("1.8 V", 1.8, "voltage")]
    [TestCase("95 %", 0.95, "dimensionless")]
    [TestCase("100 ms", 0.1, "time")]
    [TestCase("450mA", 0.45, "current")]
    [TestCase("-55 °C", 218.15, "temperature")]
    [TestCase("36 rad(Si)/h", 0.36 / 3600, "absorbed dose rate")]
    [TestCase("1e7 ions/cm²", 1e11, "fluence")]
    [TestCase("37 MeV·cm²/mg", 37 * 1.602176634e-13 * 1e-4 / 1e-6, "linear energy transfer")]
    public void Step_text_quantities_match_the_parameter_type_and_parse_with_their_dimension(string text, double siValue, string dimension)
    {
        Assert.That(Quantity.IsMatch(text), Is.True, $"'{text}' must match {{quantity}}");

        var quantity = QuantityParameterTypes.ToQuantity(text);

        Assert.That(quantity.SiValue, Is.EqualTo(siValue).Within(1e-9 * Math.Abs(siValue)));
        Assert.That(quantity.Dimension.ToString(), Is.EqualTo(dimension));
    }

    [Test]
    public void A_typed_step_argument_reads_as_the_quantity_written_in_evidence_text()
    {
        // Evidence and deviation texts interpolate these arguments: "settled after the anneal at 100 °C".
        Assert.Multiple(() =>
        {
            Assert.That($"{new Temperature(Results.Quantities.Quantity.Parse("100 °C"))}", Is.EqualTo(Results.Quantities.Quantity.Parse("100 °C").ToString()));
            Assert.That($"{new Dose(Results.Quantities.Quantity.Parse("20 krad(Si)"))}", Does.Not.Contain("{").And.Contain("krad"));
        });
    }

    [Test]
    public void An_unknown_unit_is_an_error_naming_it_not_a_guess()
    {
        var error = Assert.Throws<FormatException>(() => QuantityParameterTypes.ToQuantity("5 furlongs"));

        Assert.That(error!.Message, Does.Contain("'furlongs'"));
    }
}
