using System.CommandLine;
using Gherkin.CucumberMessages;
using Spectre.Console;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Cli.Progress;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Tags;
using SpaceTestBench.Steps.Planning;

namespace SpaceTestBench.Cli.Commands;

/// <summary>
/// <c>spacebench plan</c>: the bench time each selected scenario will take, from its steps' parameters, the
/// total and the end date on a real bench started now; no instrument is opened. <c>run --dry-run</c> prints
/// the same plan.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(IAnsiConsole console, FacilityPaths paths, TimeProvider wallClock)
    {
        var bench = new Option<FileInfo>("--bench") { Description = "Bench definition file.", DefaultValueFactory = _ => new FileInfo(paths.DefaultBench), HelpName = "FILE" };
        var features = new Option<string[]>("--features") { Description = "Feature file or folder; repeatable. Default: every feature under features/.", HelpName = "DIR|FILE" };
        var tags = new Option<string?>("--tags") { Description = "Tag expression selecting scenarios.", HelpName = "EXPR" };
        var dut = new Option<FileInfo?>("--dut") { Description = "DUT profile. Default: the bench file's \"dut\".", HelpName = "FILE" };
        var order = new Option<RunOrder>("--order") { Description = "Scenario order: Defined (default) or Reverse.", HelpName = "ORDER" };
        var steps = new Option<bool>("--steps") { Description = "Show every step that takes bench time, with its reasoning." };
        var command = new Command("plan", "State the bench time each scenario will take (dose ÷ dose rate, anneals, cycles, fluence ÷ flux, gates, waits), the total and the end date on a real bench started now. Opens no instrument.")
        {
            bench, features, tags, dut, order, steps,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var featureArgs = parse.GetValue(features) is { Length: > 0 } given ? given.Select(Path.GetFullPath).ToList() : [paths.Features];
            var root = Directory.Exists(paths.Features) ? paths.Features : Directory.GetCurrentDirectory();
            CampaignPlan plan;
            try
            {
                plan = await MakeAsync(parse.GetValue(bench)!.FullName, parse.GetValue(dut)?.FullName, featureArgs, root, parse.GetValue(tags), parse.GetValue(order), wallClock, cancellationToken);
            }
            catch (Exception e) when (e is BenchConfigurationException or GherkinParseException or TagExpressionException or FileNotFoundException or BindingException)
            {
                console.MarkupLine("[red]Cannot plan:[/]");
                console.WriteLine(e.Message);
                return ExitCodes.UsageError;
            }

            if (plan.Scenarios.Count == 0)
            {
                console.MarkupLineInterpolated($"[red]Cannot plan:[/] no scenario matches the tag expression '{parse.GetValue(tags) ?? ""}'.");
                return ExitCodes.UsageError;
            }

            PlanPrinter.Print(console, plan, parse.GetValue(steps));
            return plan.Total is null ? ExitCodes.Failed : ExitCodes.Passed;
        });
        return command;
    }

    /// <summary>Loads the inputs as <c>spacebench run</c> does and plans the selected scenarios.</summary>
    public static Task<CampaignPlan> MakeAsync(
        string benchFile, string? dutFile, IReadOnlyList<string> featurePaths, string featuresRoot, string? tagExpression, RunOrder order, TimeProvider wallClock, CancellationToken cancellationToken) =>
        CampaignPlanner.PlanFilesAsync(benchFile, dutFile, featurePaths, featuresRoot, tagExpression, order, wallClock, cancellationToken);
}
