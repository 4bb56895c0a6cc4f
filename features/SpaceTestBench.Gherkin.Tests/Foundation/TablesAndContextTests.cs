namespace SpaceTestBench.Gherkin.Tests.Foundation;

public sealed class TablesAndContextTests
{
    [Test]
    public void CreateInstance_reads_a_vertical_table_into_a_record_and_properties()
    {
        var table = new DataTable("Field", "Value");
        table.AddRow("Part number", "RH-SOC-7");
        table.AddRow("Max current", "450");
        table.AddRow("Grade", "Space");

        var part = table.CreateInstance<Part>();

        Assert.That(part, Is.EqualTo(new Part("RH-SOC-7", 450) { Grade = PartGrade.Space }));
    }

    [Test]
    public void CreateSet_and_CompareToSet_work_row_by_row_ignoring_case_and_spaces_in_headers()
    {
        var table = new DataTable("part number", "MAX CURRENT");
        table.AddRow("A", "1");
        table.AddRow("B", "2");

        var parts = table.CreateSet<Part>().ToList();

        Assert.That(parts.Select(p => p.PartNumber), Is.EqualTo(new[] { "A", "B" }));
        Assert.DoesNotThrow(() => table.CompareToSet(parts.AsEnumerable().Reverse()));
        Assert.Throws<TableComparisonException>(() => table.CompareToSet(parts.AsEnumerable().Reverse(), sequentialEquality: true));
        Assert.Throws<TableComparisonException>(() => table.CompareToSet(parts.Take(1)));
    }

    [Test]
    public void A_row_with_the_wrong_cell_count_is_refused()
    {
        var table = new DataTable("a", "b");
        Assert.Throws<ArgumentException>(() => table.AddRow("only one"));
    }

    [Test]
    public void A_value_that_does_not_convert_names_the_column()
    {
        var table = new DataTable("Part number", "Max current");
        table.AddRow("A", "lots");
        Assert.That(() => table.CreateSet<Part>().ToList(), Throws.InstanceOf<TableBindingException>().With.Message.Contains("Max current"));
    }

    public enum PartGrade
    {
        Commercial,
        Space,
    }

    public sealed record Part(string PartNumber, int MaxCurrent)
    {
        public PartGrade Grade { get; set; }
    }
}
