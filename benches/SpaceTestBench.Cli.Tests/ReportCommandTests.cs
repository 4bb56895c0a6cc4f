using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Reports.Tests.Support;

namespace SpaceTestBench.Cli.Tests;

public class ReportCommandTests
{
    [Test]
    public async Task Re_renders_a_report_from_the_store_alone()
    {
        var folder = Spacebench.NewFolder();
        SyntheticCampaign.Write(folder);

        var (exit, output) = await Spacebench.RunAsync("report", folder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain("Fail: 8 of 10 scenario(s) passed"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "report.html")), Does.Contain("id=\"overall-verdict\" class=\"verdict fail\""));
        Assert.That(Directory.GetFiles(Path.Combine(folder, "plots"), "*.png"), Is.Not.Empty);
    }

    [Test]
    public async Task A_store_cut_off_mid_scenario_renders_with_the_run_marked_interrupted()
    {
        var folder = Spacebench.NewFolder();
        SyntheticCampaign.Write(folder, finish: false);

        var (exit, output) = await Spacebench.RunAsync("report", folder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed));
        Assert.That(output, Does.Contain("interrupted").And.Contain("Aborted"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "report.html")), Does.Contain("id=\"interrupted\"").And.Contain("The run ended during step 1"));
    }

    [Test]
    public async Task A_folder_without_a_store_is_a_usage_error()
    {
        var (exit, output) = await Spacebench.RunAsync("report", Spacebench.NewFolder());

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("No result store at"));
    }

    [Test]
    public async Task Report_has_help()
    {
        var (exit, output) = await Spacebench.RunAsync("report", "--help");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("run-folder").And.Contain("from its results.sqlite alone"));
    }
}
