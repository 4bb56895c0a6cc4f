using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using static SpaceTestBench.Cli.Analyze.ParameterTable;

namespace SpaceTestBench.Cli.Analyze;

/// <summary><c>spacebench analyze tid</c>: parametric drift versus total ionising dose, the law chosen by AICc and the failure dose.</summary>
internal static class DriftAnalysisCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var lower = new Option<string?>("--lower-limit") { Description = "Lowest passing value of the parametric, with its unit (\"150 mA\").", HelpName = "QUANTITY" };
        var upper = new Option<string?>("--upper-limit") { Description = "Highest passing value of the parametric, with its unit (\"450 mA\").", HelpName = "QUANTITY" };
        return AnalyzeCommand.Verb(
            console,
            "tid",
            "Total-ionising-dose drift per parametric, sample and dose rate (never pooled): an F-test for drift against a constant; if significant, linear, power-law, " +
            "exponential-leakage and saturating laws fitted by least squares, each refused with its reason when the data do not identify it, and the one with the lowest AICc chosen; " +
            "with a limit, the failure dose (stated only within 2× the highest dose tested) beside the last passing and first failing dose steps of the measured values. " +
            "Columns: 'dose [krad(Si)]' (the 0 rows are the measured pre-irradiation values), one or more parametrics 'NAME [unit]'; optional 'sample', 'dose rate [rad(Si)/h]', " +
            "'anneal [h]' (non-empty: an anneal row, judged, not fitted) and 'anneal temperature [°C]'.",
            [lower, upper],
            (table, parse, confidence) =>
            {
                var dose = table.Require("dose", Dimension.AbsorbedDose, "dose [krad(Si)]");
                var anneal = table.Optional("anneal", Dimension.TimeDim);
                var annealTemperature = table.Optional("anneal temperature", Dimension.TemperatureDim);
                var sample = table.Optional("sample", Dimension.None);
                var doseRate = table.Optional("dose rate", Dimension.AbsorbedDoseRate);
                var parametrics = table.Columns.Where(c => c != dose && c != anneal && c != annealTemperature && c != sample && c != doseRate).ToList();
                if (parametrics.Count == 0)
                {
                    throw new InputException($"{table.File}:1: there is no parametric column; add one such as 'DUT supply current [mA]'.");
                }

                var low = AnalyzeCommand.QuantityOption(parse, lower);
                var high = AnalyzeCommand.QuantityOption(parse, upper);
                var groups = table.Rows.GroupBy(row => (
                    Sample: sample is null ? (double?)null : table.Number(row, sample),
                    Rate: doseRate is null ? (double?)null : table.Quantity(row, doseRate).SiValue)).ToList();
                foreach (var column in parametrics)
                {
                    var limit = LimitFor(low, high, column, table.File);
                    foreach (var group in groups)
                    {
                        var title = column.Name + (group.Key.Sample is { } s ? $", sample {s.ToString(CultureInfo.InvariantCulture)}" : "")
                            + (doseRate is not null ? $", dose rate {table.Quantity(group.First(), doseRate)}" : "");
                        var points = group.Select(row => new DosePoint(
                            table.Quantity(row, dose), table.Quantity(row, column),
                            anneal is not null && row.Fields[anneal.Number - 1].Length > 0 ? table.Quantity(row, anneal) : null,
                            annealTemperature is not null && row.Fields[annealTemperature.Number - 1].Length > 0 ? table.Quantity(row, annealTemperature) : null)).ToList();
                        Report(console, title, ParametricDriftAnalysis.Fit(column.Name, points, limit, confidence), points, limit);
                    }
                }
            });
    }

    private static void Report(IAnsiConsole console, string title, ParametricDriftResult result, IReadOnlyList<DosePoint> points, Limit? limit)
    {
        console.Write(new Rule(Markup.Escape(title)) { Justification = Justify.Left });
        console.WriteLine(result.MeasuredPreIrradiation is { } before
            ? $"pre-irradiation value (measured, D = 0): {before.ToString("G6")} (mean of {result.PreIrradiationPoints})"
            : "pre-irradiation value: no D = 0 row, so the fit extrapolates P0");
        console.WriteLine($"drift: {result.Significance}");
        if (result.Candidates.Count > 0)
        {
            var best = result.Candidates.Where(c => c.Fit is not null).Select(c => c.Fit!.Aicc).DefaultIfEmpty(double.NaN).Min();
            var laws = new Table().AddColumn("Law").AddColumn("Outcome").AddColumn(new TableColumn("ΔAICc").RightAligned());
            foreach (var c in result.Candidates)
            {
                laws.AddRow(Markup.Escape(ParametricDriftAnalysis.Describe(c.Model)),
                    Markup.Escape(c.Fit is null ? "refused: " + c.Refusal : ReferenceEquals(c.Fit, result.Model) ? "chosen" : "fitted"),
                    c.Fit is { } f ? Number(f.Aicc - best, "0.##") : "—");
            }

            console.Write(laws);
        }

        if (result.Model is { } model)
        {
            Write(console, model.Formula, model.Parameters, $"Student t, {model.DegreesOfFreedom} dof");
            console.WriteLine($"scatter about the fit {Number(model.ResidualStandardDeviation, "G3")} {result.ValueUnit.Symbol} ({model.DegreesOfFreedom} degrees of freedom)");
        }
        else
        {
            console.WriteLine(result.NoFitReason is { } reason && reason.StartsWith("no significant drift", StringComparison.Ordinal)
                ? "no significant drift: no drift law and no failure dose."
                : $"no drift law: {result.NoFitReason}");
        }

        if (limit is null)
        {
            console.WriteLine("No limit given (--lower-limit, --upper-limit): no failure dose.");
        }
        else
        {
            console.WriteLine($"limit {limit}");
            console.WriteLine($"failure dose: {result.FailureDoseStatement}");
            console.WriteLine($"last dose step with every value passing: {result.LastPassingDose?.ToString() ?? "none"}; first with a value failing: {result.FirstFailingDose?.ToString() ?? "none"}"
                + (result.FailsBeforeIrradiation ? " (outside the limit before irradiation)" : ""));
            var lastDose = points.Where(p => !p.IsAnneal).Select(p => p.Dose.SiValue).DefaultIfEmpty(double.NaN).Max();
            var passedAtLastDose = points.Where(p => !p.IsAnneal && p.Dose.SiValue == lastDose).All(p => limit.Evaluate(p.Value) != Verdict.Fail);
            foreach (var point in points.Where(p => p.IsAnneal && limit.Evaluate(p.Value) == Verdict.Fail))
            {
                console.WriteLine($"{(passedAtLastDose ? "rebound" : "still outside after anneal")}: {point.Value} after {point.AnnealTime} of anneal{(point.AnnealTemperature is { } t ? $" at {t}" : "")} is outside the limit: Fail.");
            }
        }
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
