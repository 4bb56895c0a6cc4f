using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Steps.Catalog;

namespace SpaceTestBench.Cli.Commands;

/// <summary><c>spacebench steps</c>: the step catalog on the console, or as Markdown (docs/steps.md).</summary>
internal static class StepsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var markdown = new Option<string?>("--markdown")
        {
            Description = "Write the catalog as Markdown to FILE (docs/steps.md is made this way), or to the console when no FILE is given.",
            HelpName = "FILE",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("steps", "List every step feature files can use: its pattern, what it does, its parameters and their units, an example line and the bench roles it needs.")
        {
            markdown,
        };
        command.SetAction(parse =>
        {
            var catalog = StepCatalog.Build();
            if (catalog.BindingErrors.Count > 0)
            {
                // Reqnroll's runtime would fail every scenario of a run for them: the catalog without those steps would mislead.
                console.MarkupLine("[red]Configuration error:[/]");
                console.WriteLine(string.Join("\n", catalog.BindingErrors));
                return ExitCodes.UsageError;
            }

            if (catalog.MissingDocumentation.Count > 0)
            {
                // The descriptions are the bindings' XML summaries; without the file the catalog would silently lose them.
                console.MarkupLine("[red]Configuration error:[/]");
                console.WriteLine(
                    $"the step descriptions come from the XML documentation beside the step assembly, and {string.Join(", ", catalog.MissingDocumentation)} is missing; " +
                    "build with GenerateDocumentationFile (Directory.Build.props sets it) and run again.");
                return ExitCodes.UsageError;
            }

            if (parse.GetResult(markdown) is null)
            {
                Print(console, catalog);
                return ExitCodes.Passed;
            }

            var text = StepCatalogMarkdown.Render(catalog);
            if (parse.GetValue(markdown) is not { Length: > 0 } file)
            {
                console.Profile.Out.Writer.Write(text);
                return ExitCodes.Passed;
            }

            var path = Path.GetFullPath(file);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.MarkupLine("[red]Configuration error:[/]");
                console.WriteLine($"cannot write {path}: {e.Message}");
                return ExitCodes.UsageError;
            }

            console.MarkupLineInterpolated($"Wrote the step catalog ({catalog.Steps.Count()} steps in {catalog.Areas.Count} areas) to {path}.");
            return ExitCodes.Passed;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, StepCatalog catalog)
    {
        console.MarkupLineInterpolated($"[bold]Step catalog[/]: {catalog.Steps.Count()} steps in {catalog.Areas.Count} areas. Quantities are a number and a unit; any unit of the right kind is converted.");
        var types = new Table().AddColumn("Type").AddColumn("What it is").AddColumn("Units or values").AddColumn("Example");
        foreach (var parameter in catalog.ParameterTypes)
        {
            types.AddRow(new Text(parameter.Placeholder), new Text(parameter.Description), new Text(parameter.Accepts), new Text(parameter.Example));
        }

        console.Write(types);
        foreach (var area in catalog.Areas)
        {
            console.WriteLine();
            console.Write(new Rule($"[bold]{Markup.Escape(area.Title)}[/]").LeftJustified());
            console.WriteLine(area.Description, new Style(decoration: Decoration.Italic));
            foreach (var step in area.Steps)
            {
                console.WriteLine();
                console.MarkupLineInterpolated($"[bold]{string.Join("/", step.Keywords)}[/] [blue]{step.Expression}[/]");
                var lines = new List<string> { step.Description };
                lines.AddRange(step.Parameters.DistinctBy(p => p.Name).Select(p => $"{p.Placeholder}: {p.Description}{(p.Accepts.Length == 0 ? "" : $" ({p.Accepts})")}"));
                if (step.Table is { } table)
                {
                    lines.Add($"data table: {string.Join(", ", table.Columns.Select(c => $"{c.Header} ({{{c.Kind.Name}}})"))}");
                }

                lines.Add($"roles: {(step.Roles.Count == 0 ? "none" : string.Join(", ", step.Roles))}");
                lines.AddRange(step.Examples.Select(e => $"e.g. {e}"));
                lines.AddRange(step.ExampleTable.Select(row => $"       {row}"));
                foreach (var line in lines)
                {
                    // Plain lines, not a padded block: example lines are copied into feature files, trailing spaces and all.
                    console.WriteLine($"    {line}");
                }
            }
        }
    }
}
