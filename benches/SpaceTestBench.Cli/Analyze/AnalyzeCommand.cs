using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Cli.Analyze;

/// <summary>
/// <c>spacebench analyze see|tid|link|thermal --input FILE.csv</c>: runs one qualification analysis on a
/// user's own data and prints the fitted parameters. Exit 0 when it fitted, 1 when the data cannot
/// support the fit (the reason is printed), 2 when the command line or the file is wrong.
/// </summary>
internal static class AnalyzeCommand
{
    public delegate void Analysis(InputTable table, ParseResult parse, double confidence);

    public static Command Create(IAnsiConsole console) => new("analyze", "Run a qualification analysis on your own CSV data and print the fitted parameters. Input formats: docs/reports.md.")
    {
        SingleEventAnalysisCommand.Create(console),
        DriftAnalysisCommand.Create(console),
        LinkAnalysisCommand.Create(console),
        ThermalAnalysisCommand.Create(console),
    };

    /// <summary>One analysis verb: <c>--input</c>, <c>--confidence</c>, its own options, and the error handling all verbs share.</summary>
    public static Command Verb(IAnsiConsole console, string name, string description, IReadOnlyList<Option> options, Analysis analysis)
    {
        var input = new Option<FileInfo>("--input")
        {
            Description = "The CSV file: a header of 'name [unit]' cells, then one line per point; '#' starts a comment line.",
            Required = true,
            HelpName = "FILE.csv",
        }.AcceptExistingOnly();
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of every interval.", DefaultValueFactory = _ => 0.95, HelpName = "LEVEL" };
        var command = new Command(name, description) { input, confidence };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, _) =>
        {
            var level = parse.GetValue(confidence);
            if (!(level > 0 && level < 1))
            {
                console.MarkupLine($"[red]{Markup.Escape($"--confidence {level} is not between 0 and 1 (e.g. 0.95).")}[/]");
                return Task.FromResult(ExitCodes.UsageError);
            }

            try
            {
                analysis(InputTable.Load(parse.GetValue(input)!.FullName), parse, level);
                return Task.FromResult(ExitCodes.Passed);
            }
            catch (Exception e) when (e is InputException or UnitMismatchException)
            {
                console.MarkupLine("[red]Cannot analyse:[/]");
                console.WriteLine(e.Message);
                return Task.FromResult(ExitCodes.UsageError);
            }
            catch (IOException e)
            {
                console.MarkupLine("[red]Cannot read the input:[/]");
                console.WriteLine($"{parse.GetValue(input)!.FullName}: {e.Message}");
                return Task.FromResult(ExitCodes.UsageError);
            }
            catch (AnalysisException e)
            {
                console.MarkupLine("[red]The data cannot support this analysis:[/]");
                console.WriteLine(e.Message);
                return Task.FromResult(ExitCodes.Failed);
            }
        });
        return command;
    }

    /// <summary>A quantity option ("450 mA"); a malformed one is an input error naming the option.</summary>
    public static Quantity? QuantityOption(ParseResult parse, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(option);
        if (parse.GetValue(option) is not { } text)
        {
            return null;
        }

        return QuantityParser.TryParse(text, out var quantity, out var error) ? quantity : throw new InputException($"{option.Name}: {error}");
    }
}
