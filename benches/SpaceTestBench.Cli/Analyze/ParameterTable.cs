using Spectre.Console;
using SpaceTestBench.Results.Analysis;

namespace SpaceTestBench.Cli.Analyze;

/// <summary>Prints fitted parameters and point tables the same way for every analysis.</summary>
internal static class ParameterTable
{
    /// <summary>Point tables longer than this show their first and last rows only: 200,000 rows are analysed, not printed.</summary>
    public const int MaximumRowsShown = 40;

    public static void Write(IAnsiConsole console, string title, IEnumerable<FittedParameter> parameters, string convention, FittedParameter? onlyBelow = null, string? below = null)
    {
        var list = parameters.ToList();
        var level = list.Count > 0 ? list[0].Confidence : 0.95;
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }
            .AddColumn("Parameter").AddColumn(new TableColumn("Estimate").RightAligned()).AddColumn(new TableColumn("Std. error").RightAligned())
            .AddColumn(Markup.Escape($"Interval ({level:P0} {convention})")).AddColumn("Unit");
        foreach (var p in list)
        {
            if (ReferenceEquals(p, onlyBelow))
            {
                // Not measured: the bound only, no estimate.
                table.AddRow(Markup.Escape(p.Name), Markup.Escape($"< {below}"), "—", "below the lowest LET tested", Markup.Escape(p.Value.Unit.Symbol));
                continue;
            }

            table.AddRow(
                Markup.Escape(p.Name), p.Format(p.Value.Value), p.Determined ? p.FormatError() : "not determined",
                p.Determined ? $"{p.Format(p.Lower)} … {p.Format(p.Upper)}" : "—", Markup.Escape(p.Value.Unit.Symbol));
        }

        console.Write(table);
    }

    /// <summary>The indices of a point table to print: all of a short one, the first and last rows of a long one (null marks the gap).</summary>
    public static IEnumerable<int?> Shown(int count)
    {
        if (count <= MaximumRowsShown)
        {
            return Enumerable.Range(0, count).Select(i => (int?)i);
        }

        var half = MaximumRowsShown / 2;
        return Enumerable.Range(0, half).Select(i => (int?)i).Append(null).Concat(Enumerable.Range(count - half, half).Select(i => (int?)i));
    }

    /// <summary>The row that stands for the rows not shown.</summary>
    public static string[] Gap(int count, int columns) =>
        [.. new[] { Markup.Escape($"… {count - MaximumRowsShown:N0} more rows (analysed, not shown)") }.Concat(Enumerable.Repeat("", columns - 1))];

    public static string Number(double value, string format = "G5") =>
        double.IsNaN(value) ? "—" : value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
