using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using static SpaceTestBench.Cli.Analyze.ParameterTable;

namespace SpaceTestBench.Cli.Analyze;

/// <summary><c>spacebench analyze tid</c>: parametric drift versus total ionising dose and the failure dose.</summary>
internal static class DriftAnalysisCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var lower = new Option<string?>("--lower-limit") { Description = "Lowest passing value of the parametric, with its unit (\"150 mA\").", HelpName = "QUANTITY" };
        var upper = new Option<string?>("--upper-limit") { Description = "Highest passing value of the parametric, with its unit (\"450 mA\").", HelpName = "QUANTITY" };
        return AnalyzeCommand.Verb(
            console,
            "tid",
            "Total-ionising-dose drift: least-squares fit of P(D) = P0 + a·D^n per parametric and, with a limit, the failure dose where the fit meets it, " +
            "beside the last passing and first failing dose steps. Columns: 'dose [krad(Si)]', one or more parametrics 'NAME [unit]'; optional 'anneal [h]' (anneal rows are judged, not fitted).",
            [lower, upper],
            (table, parse, confidence) =>
            {
                var dose = table.Require("dose", Dimension.AbsorbedDose, "dose [krad(Si)]");
                var anneal = table.Optional("anneal", Dimension.TimeDim);
                var parametrics = table.Columns.Where(c => c != dose && c != anneal).ToList();
                if (parametrics.Count == 0)
                {
                    throw new InputException($"{table.File}:1: there is no parametric column; add one such as 'DUT supply current [mA]'.");
                }

                var low = AnalyzeCommand.QuantityOption(parse, lower);
                var high = AnalyzeCommand.QuantityOption(parse, upper);
                foreach (var column in parametrics)
                {
                    var limit = LimitFor(low, high, column, table.File);
                    var points = table.Rows.Select(row => new DosePoint(
                        table.Quantity(row, dose), table.Quantity(row, column),
                        anneal is not null && row.Fields[anneal.Number - 1].Length > 0 ? table.Quantity(row, anneal) : null)).ToList();
                    var fit = ParametricDriftAnalysis.Fit(column.Name, points, limit, confidence);
                    Write(console, $"{column.Name}: P(D) = P0 + a·D^n, D in {fit.DoseUnit.Symbol}", [fit.PreIrradiation, fit.Coefficient, fit.Exponent]);
                    console.MarkupLineInterpolated($"scatter about the fit {Number(fit.ResidualStandardDeviation, "G3")} {fit.ValueUnit.Symbol} ({fit.DegreesOfFreedom} degrees of freedom)");
                    if (limit is null)
                    {
                        console.WriteLine("No limit given (--lower-limit, --upper-limit): no failure dose.");
                        continue;
                    }

                    console.MarkupLineInterpolated($"limit {limit.ToString()}");
                    console.MarkupLineInterpolated($"failure dose: {(fit.FailsBeforeIrradiation ? "0 (outside the limit before irradiation)" : fit.FailureDose?.ToString() ?? "the fitted drift does not reach the limit")}{(fit.FailureDoseExtrapolated ? " — extrapolated beyond the highest dose tested" : "")}");
                    console.MarkupLineInterpolated($"last dose step with every sample passing: {fit.LastPassingDose?.ToString() ?? "none"}; first with a sample failing: {fit.FirstFailingDose?.ToString() ?? "none"}");
                }
            });
    }

    private static Limit? LimitFor(Quantity? low, Quantity? high, InputColumn column, string file)
    {
        foreach (var bound in new[] { low, high })
        {
            if (bound is { } b && b.Dimension != column.Unit.Dimension)
            {
                throw new InputException($"{file}:1:{column.Number}: the limit {b} is a {b.Dimension}, but '{column.Header}' is a {column.Unit.Dimension}.");
            }
        }

        return (low, high) switch
        {
            ({ } l, { } h) => Limit.Between(l, h),
            ({ } l, null) => Limit.AtLeast(l),
            (null, { } h) => Limit.AtMost(h),
            _ => null,
        };
    }
}
