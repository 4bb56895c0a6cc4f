using Spectre.Console;
using SpaceTestBench.Results.Analysis;

namespace SpaceTestBench.Cli.Analyze;

/// <summary>Prints fitted parameters the same way for every analysis.</summary>
internal static class ParameterTable
{
    public static void Write(IAnsiConsole console, string title, IEnumerable<FittedParameter> parameters)
    {
        var table = new Table { Title = new TableTitle(title) }
            .AddColumn("Parameter").AddColumn(new TableColumn("Estimate").RightAligned()).AddColumn(new TableColumn("Std. error").RightAligned())
            .AddColumn("Interval").AddColumn("Unit");
        foreach (var p in parameters)
        {
            table.AddRow(
                Markup.Escape(p.Name), p.Format(p.Value.Value), p.Determined ? p.FormatError() : "not determined",
                p.Determined ? $"{p.Format(p.Lower)} … {p.Format(p.Upper)} ({p.Confidence:P0})" : "—", Markup.Escape(p.Value.Unit.Symbol));
        }

        console.Write(table);
    }

    public static string Number(double value, string format = "G5") =>
        double.IsNaN(value) ? "—" : value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
