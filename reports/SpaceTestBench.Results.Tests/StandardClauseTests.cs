namespace SpaceTestBench.Results.Tests;

public class StandardClauseTests
{
    [TestCase("@ESCC-25100", "ESCC-25100", "ESCC")]
    [TestCase("@MIL-STD-883-TM1019", "MIL-STD-883-TM1019", "MIL")]
    [TestCase("@ECSS-E-ST-10-03C-5.5.4", "ECSS-E-ST-10-03C-5.5.4", "ECSS")]
    [TestCase("@JESD57", "JESD57", "JESD")]
    [TestCase("@jesd22-a104", "jesd22-a104", "JESD")]
    public void Tags_of_standards_name_clauses(string tag, string id, string body)
    {
        var clause = StandardClause.FromTag(tag);

        Assert.That(clause, Is.EqualTo(new StandardClause(id, body)));
    }

    [TestCase("@power")]
    [TestCase("@slow")]
    [TestCase("@ESCCAPE")]
    [TestCase("@MIL")]
    public void Other_tags_name_none(string tag) => Assert.That(StandardClause.FromTag(tag), Is.Null);
}
