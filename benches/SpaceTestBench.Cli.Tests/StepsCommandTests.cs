using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary><c>spacebench steps</c>: the step catalog on the console and as Markdown.</summary>
public sealed class StepsCommandTests
{
    [Test]
    public async Task Steps_prints_every_step_pattern_with_its_parameters_and_units_an_example_and_its_roles()
    {
        var catalog = StepCatalog.Build();

        var (exit, output) = await RunCommandTests.Spacebench("steps");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(catalog.Steps.Where(s => !output.Contains(s.Pattern, StringComparison.Ordinal)).Select(s => s.Pattern), Is.Empty, "every pattern is printed");
        Assert.That(output, Does.Contain("Given/When the DUT supply is set to {voltage}"));
        Assert.That(output, Does.Contain("    {voltage}: a voltage (V, mV)"));
        Assert.That(output, Does.Contain("    e.g. Given the DUT supply is set to 1.8 V\n"), "example lines are printed whole, without trailing spaces");
        Assert.That(output, Does.Contain("    roles: thermal chamber (a thermal-vacuum chamber)"));
        Assert.That(output, Does.Contain("| 37 MeV·cm²/mg | 60°  |"), "a typed table's example rows");
    }

    [Test]
    public async Task Steps_markdown_FILE_writes_the_document_docs_steps_md_is_made_of()
    {
        var file = Path.Combine(TestRepository.ScratchFolder("steps"), "docs", "steps.md");

        var (exit, output) = await RunCommandTests.Spacebench("steps", "--markdown", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain($"to {file}"));
        Assert.That(await File.ReadAllTextAsync(file), Is.EqualTo(StepCatalogMarkdown.Render(StepCatalog.Build())));
    }

    [Test]
    public async Task Steps_markdown_without_a_file_writes_the_markdown_to_the_console()
    {
        var (exit, output) = await RunCommandTests.Spacebench("steps", "--markdown");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.StartWith("# Step catalog\n"));
        Assert.That(output, Does.Contain("| `{voltage}` | a voltage | V, mV | `1.8 V` |"));
    }
}
