using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Steps.Tests.Catalog;

/// <summary>docs/steps.md is what the step bindings say now.</summary>
public sealed class StepsDocumentTests
{
    [Test]
    public void Docs_steps_md_is_what_the_catalog_generates_from_the_bindings_now()
    {
        var file = TestRepository.Path("docs/steps.md");
        var expected = StepCatalogMarkdown.Render(StepCatalog.Build());
        var regenerate = $"Regenerate it from the repository root: {StepCatalogMarkdown.RegenerateCommand}";
        Assert.That(File.Exists(file), Is.True, $"{file} is missing. {regenerate}");

        // Line ends as checked out (a Windows checkout may have CRLF) do not make the document stale.
        var actual = File.ReadAllText(file).ReplaceLineEndings("\n");
        if (actual == expected)
        {
            return;
        }

        var actualLines = actual.Split('\n');
        var expectedLines = expected.Split('\n');
        var first = Enumerable.Range(0, Math.Min(actualLines.Length, expectedLines.Length)).FirstOrDefault(i => actualLines[i] != expectedLines[i], Math.Min(actualLines.Length, expectedLines.Length));
        Assert.Fail(
            $"docs/steps.md differs from the step catalog the bindings give now, first at line {first + 1}:\n" +
            $"  in the file: {(first < actualLines.Length ? actualLines[first] : "(end of file)")}\n" +
            $"  generated:   {(first < expectedLines.Length ? expectedLines[first] : "(end of file)")}\n" +
            regenerate);
    }
}
