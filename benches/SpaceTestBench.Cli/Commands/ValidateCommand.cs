using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Tags;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Validation;

namespace SpaceTestBench.Cli.Commands;

/// <summary>
/// <c>spacebench validate</c>: check feature files against the step catalog and a bench file, touching no
/// instrument: syntax, undefined and ambiguous steps, arguments that do not convert, roles the bench lacks.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(IAnsiConsole console, FacilityPaths paths)
    {
        var features = new Option<string[]>("--features")
        {
            Description = "Feature file or folder to check; repeatable. Default: every feature under features/.",
            AllowMultipleArgumentsPerToken = false,
            HelpName = "DIR|FILE",
        };
        var bench = new Option<FileInfo>("--bench")
        {
            Description = "The bench file the features are to run on: its roles are checked against the steps' needs. No instrument is opened.",
            DefaultValueFactory = _ => new FileInfo(paths.DefaultBench),
            HelpName = "FILE",
        };
        var tags = new Option<string?>("--tags")
        {
            Description = "Tag expression selecting the scenarios to check, e.g. \"@power and not @slow\".",
            HelpName = "EXPR",
        };
        var command = new Command("validate", "Check feature files against the step catalog and a bench file without opening any instrument: syntax errors, undefined and ambiguous steps, arguments in the wrong unit, and roles (or capabilities) the bench does not provide.")
        {
            features, bench, tags,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var featureArgs = parse.GetValue(features) is { Length: > 0 } given ? given.Select(Path.GetFullPath).ToList() : [paths.Features];
            BenchDefinition definition;
            TagExpression selection;
            IReadOnlyList<string> files;
            StepCatalog catalog;
            try
            {
                definition = BenchDefinitionLoader.Load(parse.GetValue(bench)!.FullName);
                selection = TagExpression.Parse(parse.GetValue(tags) ?? "");
                files = FeatureSource.FindFeatureFiles(featureArgs);
                catalog = StepCatalog.Build();
            }
            catch (Exception e) when (e is BenchConfigurationException or TagExpressionException or FileNotFoundException)
            {
                console.MarkupLine("[red]Configuration error:[/]");
                console.WriteLine(e.Message);
                return ExitCodes.UsageError;
            }

            if (catalog.BindingErrors.Count > 0)
            {
                // The steps' bindings themselves are wrong (Reqnroll's runtime would fail every scenario): no feature file can be judged against them.
                console.MarkupLine("[red]Configuration error:[/]");
                console.WriteLine(string.Join("\n", catalog.BindingErrors));
                return ExitCodes.UsageError;
            }

            var root = Directory.Exists(paths.Features) ? paths.Features : Directory.GetCurrentDirectory();
            var report = await new FeatureValidator(catalog, definition)
                .ValidateAsync(files, root, p => selection.Evaluate(p.Tags.Select(t => t.Name).ToList()), cancellationToken);
            if (report.Scenarios == 0 && report.Problems.Count == 0)
            {
                console.MarkupLine("[red]Configuration error:[/]");
                console.WriteLine(NothingSelected(files, null, parse.GetValue(tags)));
                return ExitCodes.UsageError;
            }

            console.MarkupLineInterpolated(
                $"Checked {report.Steps} step(s) of {report.Scenarios} scenario(s) in {report.Features} feature file(s) against the step catalog and the bench [blue]{definition.Name}[/] ({definition.File}).");
            if (report.Problems.Count == 0)
            {
                console.MarkupLine("[green]No problems:[/] every step matches one step of the catalog, its arguments convert, and the bench provides every role it needs.");
                return ExitCodes.Passed;
            }

            Print(console, report);
            return ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>Prints every problem by file and line, then their count by kind.</summary>
    internal static void Print(IAnsiConsole console, ValidationReport report)
    {
        foreach (var problem in report.Problems)
        {
            console.MarkupLineInterpolated($"[red]{problem.Location}[/]: {problem.Title}{(problem.Step.Length == 0 ? "" : $": {problem.Step}")}");
            var row = problem.ExampleRow is { } line ? $" (with the Examples row at line {line})" : "";
            console.WriteLine($"    {problem.Message}{row}");
        }

        var byKind = report.Problems.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.First().Title}: {g.Count()}");
        console.MarkupLineInterpolated($"[red]{report.Problems.Count} problem(s)[/] in {report.Problems.Select(p => p.File).Distinct().Count()} feature file(s): {string.Join(", ", byKind)}.");
    }

    /// <summary>
    /// Why nothing is selected: feature files without any scenario (an empty file) are not a tag expression that
    /// matched nothing, and the message says which it is.
    /// </summary>
    internal static string NothingSelected(IReadOnlyList<string> files, int? scenarios, string? tags)
    {
        var where = files.Count == 1 ? files[0] : $"{files.Count} feature file(s)";
        if (files.Count == 0)
        {
            return "no feature file was found; give --features FILE or a folder holding .feature files.";
        }

        if (string.IsNullOrWhiteSpace(tags) || scenarios == 0)
        {
            return $"{where} hold(s) no scenario: a feature file needs a Feature with at least one Scenario (or a Scenario Outline with Examples rows).";
        }

        return $"no scenario in {where} matches the tag expression '{tags}'.";
    }
}
