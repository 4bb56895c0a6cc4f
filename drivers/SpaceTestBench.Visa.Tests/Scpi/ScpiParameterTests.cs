using System.Text;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Visa.Tests.Scpi;

public class ScpiParameterTests
{
    private static readonly ScpiNumericRange Volts = new("V", -10, 10, 1);
    private static readonly ScpiNumericRange Hertz = new("HZ", 0, 1e9, 1e3);

    private static ScpiParameter Parameter(string text) =>
        ScpiProgramParser.Parse(Encoding.ASCII.GetBytes("X " + text))[0].Parameters[0];

    private static int ErrorOf(Action action) => Assert.Throws<ScpiErrorException>(action)!.Error.Code;

    [TestCase("5", 5)]
    [TestCase("+5.25", 5.25)]
    [TestCase("-2.5E-1", -0.25)]
    [TestCase("1.5 V", 1.5)]
    [TestCase("150mV", 0.15)]
    [TestCase("150 MV", 0.15)]
    [TestCase("2.5e3uV", 0.0025)]
    [TestCase("MIN", -10)]
    [TestCase("maximum", 10)]
    [TestCase("DEF", 1)]
    [TestCase("#H0A", 10)]
    [TestCase("#B101", 5)]
    [TestCase("#Q11", 9)]
    public void Numbers_take_units_multipliers_and_limits(string text, double expected)
    {
        Assert.That(Parameter(text).AsNumber(Volts), Is.EqualTo(expected).Within(1e-12));
    }

    [TestCase("1MHZ", 1e6, Description = "M is mega before HZ (IEEE 488.2 §7.7.3.3)")]
    [TestCase("2.5 kHz", 2.5e3)]
    [TestCase("3GHZ", 3e9, Description = "more than MAX of the range is caught below")]
    public void Frequency_multipliers_follow_the_hz_special_case(string text, double expected)
    {
        var range = Hertz with { Maximum = 1e10 };
        Assert.That(Parameter(text).AsNumber(range), Is.EqualTo(expected));
    }

    [TestCase("11", -222)]
    [TestCase("5 A", -131)]
    [TestCase("5 XV", -131)]
    [TestCase("abc", -104)]
    [TestCase("'5'", -104)]
    [TestCase("(@1)", -104)]
    [TestCase("1.2.3", -121)]
    [TestCase("#H1G", -121)]
    [TestCase("NAN", -222)]
    public void Bad_numbers_raise_their_scpi_error(string text, int code)
    {
        Assert.That(ErrorOf(() => Parameter(text).AsNumber(Volts)), Is.EqualTo(code));
    }

    [Test]
    public void A_suffix_on_a_unitless_parameter_is_not_allowed()
    {
        Assert.That(ErrorOf(() => Parameter("5 V").AsNumber(new ScpiNumericRange("", 0, 10, 0))), Is.EqualTo(-138));
    }

    [Test]
    public void As_limit_accepts_only_min_max_def()
    {
        Assert.That(Parameter("MAX").AsLimit(Volts), Is.EqualTo(10));
        Assert.That(ErrorOf(() => Parameter("5").AsLimit(Volts)), Is.EqualTo(-224));
    }

    [TestCase("ON", true)]
    [TestCase("off", false)]
    [TestCase("1", true)]
    [TestCase("0", false)]
    [TestCase("0.4", false)]
    [TestCase("0.5", true)]
    public void Booleans_are_on_off_or_numbers(string text, bool expected)
    {
        Assert.That(Parameter(text).AsBoolean(), Is.EqualTo(expected));
    }

    [TestCase("MAYBE", -224)]
    [TestCase("'ON'", -104)]
    public void Bad_booleans_raise_their_scpi_error(string text, int code)
    {
        Assert.That(ErrorOf(() => Parameter(text).AsBoolean()), Is.EqualTo(code));
    }

    [TestCase("(@1)", new[] { 1 })]
    [TestCase("(@1,3:5)", new[] { 1, 3, 4, 5 })]
    [TestCase("(@ 3:1 , 7)", new[] { 3, 2, 1, 7 })]
    public void Channel_lists_expand_ranges(string text, int[] channels)
    {
        Assert.That(Parameter(text).AsChannelList(), Is.EqualTo(channels));
    }

    [TestCase("(@1:x)", -102)]
    [TestCase("(@)", -102)]
    [TestCase("5", -104)]
    [TestCase("(@1:100000)", -223)]
    public void Bad_channel_lists_raise_their_scpi_error(string text, int code)
    {
        Assert.That(ErrorOf(() => Parameter(text).AsChannelList()), Is.EqualTo(code));
    }

    [TestCase("'it''s'", "it's")]
    [TestCase("\"a;b,c\"", "a;b,c")]
    [TestCase("''", "")]
    public void Strings_are_unquoted(string text, string expected)
    {
        Assert.That(Parameter(text).AsString(), Is.EqualTo(expected));
    }

    [Test]
    public void Character_data_matches_short_or_long_form()
    {
        Assert.That(Parameter("imm").AsChoice("BUS", "IMMediate"), Is.EqualTo("IMMEDIATE"));
        Assert.That(ErrorOf(() => Parameter("IMME").AsChoice("BUS", "IMMediate")), Is.EqualTo(-224));
    }

    [Test]
    public void A_definite_block_parameter_carries_its_bytes_including_separators_and_newlines()
    {
        var unit = ScpiProgramParser.Parse(Encoding.ASCII.GetBytes("DATA #210a;b,\nc\"x'y;NEXT"));

        Assert.That(unit, Has.Count.EqualTo(2));
        Assert.That(Encoding.ASCII.GetString(unit[0].Parameters[0].AsBlock().Span), Is.EqualTo("a;b,\nc\"x'y"));
    }
}
