using System.Text;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Visa.Tests.Scpi;

public class ScpiProgramParserTests
{
    private static IReadOnlyList<ScpiProgramUnit> Parse(string text) => ScpiProgramParser.Parse(Encoding.ASCII.GetBytes(text));

    [Test]
    public void Units_split_at_semicolons_outside_strings_and_channel_lists()
    {
        var units = Parse("VOLT 1;:OUTP ON,(@1;2);*OPC?;DISP:TEXT 'a;b'");

        Assert.That(units.Select(u => u.Text), Is.EqualTo(new[] { "VOLT 1", ":OUTP ON,(@1;2)", "*OPC?", "DISP:TEXT 'a;b'" }));
        Assert.That(units.Select(u => (u.IsAbsolute, u.IsCommon, u.IsQuery)),
            Is.EqualTo(new[] { (false, false, false), (true, false, false), (false, true, true), (false, false, false) }));
    }

    [Test]
    public void Headers_carry_mnemonics_and_numeric_suffixes()
    {
        var unit = Parse("SOUR2:VOLT:LEV 3")[0];

        Assert.That(unit.Nodes, Is.EqualTo(new[] { new ScpiHeaderNode("SOUR", 2), new ScpiHeaderNode("VOLT", null), new ScpiHeaderNode("LEV", null) }));
    }

    [TestCase("VOLT? 1,,2", -109)]
    [TestCase("VOL$T 1", -101)]
    [TestCase("ABCDEFGHIJKLM 1", -112)]
    [TestCase("VOLT 'open", -151)]
    [TestCase("A:;B", -102)]
    [TestCase("*ID?N", -101)]
    [TestCase("DATA #9001", -161)]
    public void Malformed_messages_raise_their_scpi_error(string text, int code)
    {
        Assert.That(Assert.Throws<ScpiErrorException>(() => Parse(text))!.Error.Code, Is.EqualTo(code));
    }

    [Test]
    public void Whitespace_and_a_trailing_semicolon_are_tolerated()
    {
        Assert.That(Parse("  VOLT   1 , 2 ;\r").Single().Parameters.Select(p => p.Text), Is.EqualTo(new[] { "1", "2" }));
    }
}
