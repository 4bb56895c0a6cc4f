using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using static SpaceTestBench.Cli.Analyze.ParameterTable;

namespace SpaceTestBench.Cli.Analyze;

/// <summary><c>spacebench analyze see</c>: cross-sections with Poisson bounds and the Weibull fit of σ(LET).</summary>
internal static class SingleEventAnalysisCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var dosimetry = new Option<string?>("--fluence-uncertainty")
        {
            Description = "Relative standard uncertainty (k = 1) of the fluence from the beam's dosimetry, e.g. \"10 %\" or 0.1; a 'fluence uncertainty' column overrides it per row. Without either the intervals are counting-only.",
            HelpName = "RATIO",
        };
        return AnalyzeCommand.Verb(
            console,
            "see",
            "Single-event cross-sections σ = N/(Φ·cos θ) with two-sided Garwood intervals (zero events: their upper end) and the Weibull fit of σ versus effective LET, " +
            "by maximum likelihood on the counts. Columns: 'LET [MeV·cm²/mg]', 'fluence [ions/cm²]', 'events'; optional 'tilt [°]', 'bits' (to quote σ per bit) and " +
            "'fluence uncertainty' (relative, k = 1).",
            [dosimetry],
            (table, parse, confidence) =>
            {
                var let = table.Require("LET", Dimension.LinearEnergyTransfer, "LET [MeV·cm²/mg]");
                var fluence = table.Require("fluence", Dimension.Fluence, "fluence [ions/cm²]");
                var events = table.Require("events", Dimension.None, "events");
                var tilt = table.Optional("tilt", Dimension.None);
                var bits = table.Optional("bits", Dimension.None);
                var uncertainty = table.Optional("fluence uncertainty", Dimension.None);
                var common = AnalyzeCommand.QuantityOption(parse, dosimetry) is { } u ? u.SiValue : (double?)null;
                var exposures = table.Rows.Select(row => new SingleEventExposure(
                    table.Quantity(row, let), tilt is null ? new Quantity(0, CrossSectionAnalysis.DegreeUnit) : table.Quantity(row, tilt),
                    table.Quantity(row, fluence), table.Count(row, events), bits is null ? null : table.Count(row, bits),
                    uncertainty is null ? common : table.Quantity(row, uncertainty).SiValue)).ToList();
                var points = CrossSectionAnalysis.Compute(exposures, confidence);

                var conventions = string.Join("; ", points.Select(p => p.Convention).Distinct());
                var rows = new Table { Title = new TableTitle(Markup.Escape($"Cross-sections (intervals: {conventions})")) }
                    .AddColumn("LET").AddColumn("Tilt").AddColumn("LET eff").AddColumn(new TableColumn("Fluence eff").RightAligned())
                    .AddColumn(new TableColumn("Events").RightAligned()).AddColumn(new TableColumn("σ (cm²)").RightAligned()).AddColumn("Interval (cm²)");
                foreach (var i in Shown(points.Count))
                {
                    if (i is not { } index)
                    {
                        rows.AddRow(Gap(points.Count, 7));
                        continue;
                    }

                    var p = points[index];
                    rows.AddRow(Markup.Escape(p.Exposure.LinearEnergyTransfer.ToString()), Markup.Escape(p.Exposure.Tilt.ToString()), Number(p.EffectiveLet.Value, "G4"),
                        Number(p.EffectiveFluence.Value, "G4"), p.Exposure.Events.ToString(CultureInfo.InvariantCulture),
                        p.ZeroEvents ? $"< {Number(p.Upper.Value, "G3")}" : Number(p.CrossSection.Value, "G4"), $"{Number(p.Lower.Value, "G3")} … {Number(p.Upper.Value, "G3")}");
                }

                console.Write(rows);
                var fit = WeibullCrossSectionFit.Fit(points, confidence);
                Write(console, "Weibull fit σ(L) = σsat·(1 − exp(−((L − L0)/W)^s)), maximum likelihood on the counts", fit.Parameters, "profile likelihood",
                    fit.OnsetBelowLowestTested ? fit.Threshold : null, fit.LowestLetTested.Value.ToString("0.###", CultureInfo.InvariantCulture));
                console.WriteLine($"onset LET: {fit.OnsetStatement}");
                console.WriteLine($"intervals: {fit.Convention}");
                console.WriteLine($"deviance {Number(fit.Deviance, "0.##")} on {fit.DegreesOfFreedom} degrees of freedom; {(fit.Converged ? "converged" : "did not converge")}.");
                if (!fit.Converged)
                {
                    console.MarkupLine("[red]The likelihood maximisation did not converge: treat the parameters with caution.[/]");
                }

                if (fit.ThresholdAtDataEdge)
                {
                    console.MarkupLine("[yellow]The onset LET sits at the lowest LET with events: the data do not bracket the onset.[/]");
                }

                console.WriteLine("The effective-LET (cosine) law assumes a thin sensitive volume.");
            });
    }
}
