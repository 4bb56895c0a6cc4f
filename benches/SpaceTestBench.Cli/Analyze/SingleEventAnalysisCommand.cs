using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using static SpaceTestBench.Cli.Analyze.ParameterTable;

namespace SpaceTestBench.Cli.Analyze;

/// <summary><c>spacebench analyze see</c>: cross-sections with Poisson bounds and the Weibull fit of σ(LET).</summary>
internal static class SingleEventAnalysisCommand
{
    public static Command Create(IAnsiConsole console) => AnalyzeCommand.Verb(
        console,
        "see",
        "Single-event cross-sections σ = N/(Φ·cos θ) with exact Poisson intervals (zero events: the upper bound) and the Weibull fit of σ versus effective LET. " +
        "Columns: 'LET [MeV·cm²/mg]', 'fluence [ions/cm²]', 'events'; optional 'tilt [°]' and 'bits' (to quote σ per bit).",
        [],
        (table, parse, confidence) =>
        {
            var let = table.Require("LET", Dimension.LinearEnergyTransfer, "LET [MeV·cm²/mg]");
            var fluence = table.Require("fluence", Dimension.Fluence, "fluence [ions/cm²]");
            var events = table.Require("events", Dimension.None, "events");
            var tilt = table.Optional("tilt", Dimension.None);
            var bits = table.Optional("bits", Dimension.None);
            var exposures = table.Rows.Select(row => new SingleEventExposure(
                table.Quantity(row, let), tilt is null ? new Quantity(0, Units.Parse("°")) : table.Quantity(row, tilt),
                table.Quantity(row, fluence), table.Count(row, events), bits is null ? null : table.Count(row, bits))).ToList();
            var points = CrossSectionAnalysis.Compute(exposures, confidence);

            var rows = new Table { Title = new TableTitle($"Cross-sections ({confidence:P0} Poisson intervals)") }
                .AddColumn("LET").AddColumn("Tilt").AddColumn("LET eff").AddColumn(new TableColumn("Fluence eff").RightAligned())
                .AddColumn(new TableColumn("Events").RightAligned()).AddColumn(new TableColumn("σ (cm²)").RightAligned()).AddColumn("Interval (cm²)");
            foreach (var p in points)
            {
                rows.AddRow(Markup.Escape(p.Exposure.LinearEnergyTransfer.ToString()), Markup.Escape(p.Exposure.Tilt.ToString()), Number(p.EffectiveLet.Value, "G4"),
                    Number(p.EffectiveFluence.Value, "G4"), p.Exposure.Events.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    p.ZeroEvents ? $"< {Number(p.Upper.Value, "G3")}" : Number(p.CrossSection.Value, "G4"), $"{Number(p.Lower.Value, "G3")} … {Number(p.Upper.Value, "G3")}");
            }

            console.Write(rows);
            var fit = WeibullCrossSectionFit.Fit(points, confidence);
            Write(console, "Weibull fit σ(L) = σsat·(1 − exp(−((L − L0)/W)^s)), maximum likelihood on the counts", fit.Parameters);
            console.MarkupLineInterpolated($"deviance {Number(fit.Deviance, "0.##")} on {fit.DegreesOfFreedom} degrees of freedom; {(fit.Converged ? "converged" : "[red]did not converge[/]")}.");
            if (fit.ThresholdAtDataEdge)
            {
                console.MarkupLine("[yellow]The onset LET sits at the lowest LET with events: the data do not bracket the onset.[/]");
            }

            console.WriteLine("Uncertainties are counting statistics only; fluence dosimetry (typically ±10 %) is not included.");
        });
}
