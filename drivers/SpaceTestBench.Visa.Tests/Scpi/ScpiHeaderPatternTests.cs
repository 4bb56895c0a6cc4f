using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Visa.Tests.Scpi;

public class ScpiHeaderPatternTests
{
    private static bool Matches(string pattern, string typed, out int[] suffixes)
    {
        var parsed = ScpiHeaderPattern.Parse(pattern);
        var unit = ScpiProgramParser.Parse(System.Text.Encoding.ASCII.GetBytes(typed))[0];
        suffixes = new int[parsed.NodeCount];
        return parsed.IsQuery == unit.IsQuery && parsed.TryMatch(unit.Nodes, suffixes);
    }

    [TestCase("MEAS:VOLT?")]
    [TestCase("MEASURE:VOLTAGE:DC?")]
    [TestCase("meas:volt:dc?")]
    [TestCase("Measure:Scalar:Voltage?")]
    public void Short_and_long_forms_and_optional_nodes_match(string typed)
    {
        Assert.That(Matches("MEASure[:SCALar]:VOLTage[:DC]?", typed, out _), Is.True);
    }

    [TestCase("MEASU:VOLT?", Description = "between short and long form")]
    [TestCase("MEA:VOLT?", Description = "shorter than the short form")]
    [TestCase("MEAS:VOLT", Description = "the command form of a query")]
    [TestCase("MEAS:CURR?", Description = "a different node")]
    [TestCase("MEAS:VOLT:DC:EXTRA?", Description = "a node too many")]
    [TestCase("MEAS2:VOLT?", Description = "a suffix where none is declared")]
    public void Anything_else_does_not_match(string typed)
    {
        Assert.That(Matches("MEASure[:SCALar]:VOLTage[:DC]?", typed, out _), Is.False);
    }

    [TestCase("OUTP", 1)]
    [TestCase("OUTP2", 2)]
    [TestCase("OUTPUT3:STAT", 3)]
    public void A_numeric_suffix_is_reported_and_defaults_to_1(string typed, int suffix)
    {
        Assert.That(Matches("OUTPut#[:STATe]", typed, out var suffixes), Is.True);
        Assert.That(suffixes[0], Is.EqualTo(suffix));
    }

    [Test]
    public void An_optional_leading_node_with_a_suffix_matches_when_omitted()
    {
        Assert.That(Matches("[SOURce#:]VOLTage[:LEVel]", "SOUR2:VOLT:LEV", out var typedSuffix), Is.True);
        Assert.That(Matches("[SOURce#:]VOLTage[:LEVel]", "VOLT", out var omitted), Is.True);
        Assert.That((typedSuffix[0], omitted[0]), Is.EqualTo((2, 1)));
    }

    [TestCase("VOLTage[:LEVel", "'[' without ']'")]
    [TestCase("[OPTional]", "at least one node must be required")]
    [TestCase("VOLTage::LEVel", "expected a mnemonic")]
    [TestCase("volTAGE", "must be its leading letters")]
    public void A_malformed_declaration_is_rejected_with_its_reason(string pattern, string reason)
    {
        Assert.That(() => ScpiHeaderPattern.Parse(pattern), Throws.TypeOf<FormatException>().With.Message.Contains(reason));
    }

    [TestCase("VOLTage", "VOLT")]
    [TestCase("POWer", "POW")]
    [TestCase("IMMediate", "IMM")]
    [TestCase("list", "LIST")]
    public void The_short_form_is_the_capitals(string declared, string shortForm)
    {
        Assert.That(ScpiHeaderPattern.ShortForm(declared), Is.EqualTo(shortForm));
    }
}
