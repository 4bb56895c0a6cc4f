using System.Text.Json.Nodes;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>The Gherkin runner's options on <c>spacebench run</c>, and its Cucumber Messages in the run folder.</summary>
public sealed class GherkinRunOptionsTests
{
    [Test]
    public async Task A_run_writes_a_Cucumber_Messages_stream_and_Cucumbers_html_page_into_the_run_folder()
    {
        var runFolder = Path.Combine(TestRepository.ScratchFolder("messages"), "run");

        var (exit, output) = await RunCommandTests.Spacebench("run", "--features", TestRepository.Path("features/power/power-on.feature"), "--out", runFolder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        var envelopes = (await File.ReadAllLinesAsync(Path.Combine(runFolder, "messages.ndjson"))).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.That(envelopes[0].ContainsKey("meta"), Is.True);
        Assert.That(envelopes.Count(e => e.ContainsKey("testCaseFinished")), Is.EqualTo(3));
        Assert.That(envelopes[^1]["testRunFinished"]?["success"]?.GetValue<bool>(), Is.True);

        // Cucumber's own HTML page of the same messages, beside report.html and in its manifest.
        var page = await File.ReadAllTextAsync(Path.Combine(runFolder, "cucumber-report.html"));
        Assert.That(page, Does.Contain("<html").And.Contain("Supply current at").And.Contain("testRunFinished"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(runFolder, "manifest.sha256")), Does.Contain("  cucumber-report.html"));
    }

    [Test]
    public async Task Dry_run_binds_every_step_executes_none_and_passes()
    {
        var runFolder = Path.Combine(TestRepository.ScratchFolder("dry-run"), "run");

        var (exit, output) = await RunCommandTests.Spacebench("run", "--dry-run", "--out", runFolder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain("every step matched one binding"));
        var statuses = (await File.ReadAllLinesAsync(Path.Combine(runFolder, "messages.ndjson")))
            .Select(l => JsonNode.Parse(l)!["testStepFinished"]?["testStepResult"]?["status"]?.GetValue<string>()).OfType<string>().Distinct();
        Assert.That(statuses, Is.EqualTo(new[] { "SKIPPED" }));
    }

    [Test]
    public async Task Order_reverse_runs_the_last_scenario_first()
    {
        var runFolder = Path.Combine(TestRepository.ScratchFolder("reverse"), "run");

        var (exit, output) = await RunCommandTests.Spacebench(
            "run", "--features", TestRepository.Path("features/power/power-on.feature"), "--order", "reverse", "--retry", "1", "--out", runFolder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output.IndexOf("105 % of nominal", StringComparison.Ordinal), Is.LessThan(output.IndexOf("95 % of nominal", StringComparison.Ordinal)));
    }
}
