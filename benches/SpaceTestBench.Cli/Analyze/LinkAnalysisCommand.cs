using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using static SpaceTestBench.Cli.Analyze.ParameterTable;

namespace SpaceTestBench.Cli.Analyze;

/// <summary><c>spacebench analyze link</c>: BER waterfall fit and receiver sensitivity at a target BER.</summary>
internal static class LinkAnalysisCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var target = new Option<double>("--target-ber")
        {
            Description = "The bit error ratio the sensitivity is quoted at.",
            DefaultValueFactory = _ => BitErrorRatioAnalysis.DefaultTarget,
            HelpName = "RATIO",
        };
        return AnalyzeCommand.Verb(
            console,
            "link",
            "Optical link BER: per-point bit error ratios with exact Poisson intervals, the waterfall BER = ½·erfc(Q/√2) with ln Q linear in dBm fitted to the error counts, " +
            "and the receiver sensitivity at the target BER. Columns: 'received power [dBm]' (or W), 'errors', 'bits'.",
            [target],
            (table, parse, confidence) =>
            {
                var power = table.Require("received power", Dimension.Power, "received power [dBm]");
                var errors = table.Require("errors", Dimension.None, "errors");
                var bits = table.Require("bits", Dimension.None, "bits");
                var counts = table.Rows.Select(row => new BitErrorCount(table.Quantity(row, power), table.Count(row, errors), table.Count(row, bits))).ToList();
                var points = BitErrorRatioAnalysis.Ratios(counts, confidence);
                var rows = new Table { Title = new TableTitle($"Bit error ratios ({confidence:P0} Poisson intervals)") }
                    .AddColumn(new TableColumn("Power (dBm)").RightAligned()).AddColumn(new TableColumn("Errors").RightAligned()).AddColumn(new TableColumn("Bits").RightAligned())
                    .AddColumn(new TableColumn("BER").RightAligned()).AddColumn("Interval");
                foreach (var p in points)
                {
                    rows.AddRow(Number(p.ReceivedPower.Value, "0.###"), Number(p.Count.Errors, "N0"), Number(p.Count.Bits, "N0"),
                        p.ErrorFree ? $"< {Number(p.Upper, "G3")}" : Number(p.Ratio, "G3"), $"{Number(p.Lower, "G3")} … {Number(p.Upper, "G3")}");
                }

                console.Write(rows);
                var fit = BitErrorRatioAnalysis.Fit(counts, parse.GetValue(target), confidence);
                Write(console, $"Waterfall fit, ln Q = ln Q(P_ref) + b·(P − P_ref), P_ref = {fit.ReferencePower}", [fit.QualityAtReference, fit.Slope, fit.Exponent, fit.Sensitivity]);
                console.MarkupLineInterpolated($"sensitivity at BER {fit.TargetRatio:0.#E+0}: {fit.Sensitivity.ToString()}");
                console.MarkupLineInterpolated($"deviance {Number(fit.Deviance, "0.##")} on {fit.DegreesOfFreedom} degrees of freedom; {(fit.Converged ? "converged" : "did not converge")}. k ≈ 1: thermal-noise-limited receiver; k ≈ ½: signal-shot-noise-limited.");
            });
    }
}
