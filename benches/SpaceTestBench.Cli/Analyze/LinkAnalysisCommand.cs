using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using static SpaceTestBench.Cli.Analyze.ParameterTable;

namespace SpaceTestBench.Cli.Analyze;

/// <summary><c>spacebench analyze link</c>: BER waterfall fit for the receiver's modulation and the sensitivity at a target BER.</summary>
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
        var modulation = new Option<string?>("--modulation")
        {
            Description = "The receiver: OOK (½·erfc(Q/√2)), DPSK (½·e^−n), BPSK (homodyne, ½·erfc(√(2n))) or PPM (ideal photon counting, ½·e^−K_s). A 'modulation' column overrides it. " +
                "Without either, the law with the lowest deviance of OOK, DPSK and BPSK is used, and said.",
            HelpName = "OOK|DPSK|BPSK|PPM",
        };
        var powerUncertainty = new Option<string?>("--power-uncertainty")
        {
            Description = "Standard uncertainty (k = 1) of the power meter's calibration, in dB (\"0.2 dB\"); a 'power uncertainty [dB]' column overrides it. It widens the sensitivity interval.",
            HelpName = "QUANTITY",
        };
        return AnalyzeCommand.Verb(
            console,
            "link",
            "Optical link BER: per-point bit error ratios with two-sided Garwood intervals, the waterfall of the receiver's law fitted to the error counts by maximum likelihood, " +
            "and the receiver sensitivity at the target BER (interval widened for lack of fit and by the power meter's uncertainty). " +
            "Columns: 'received power [dBm]' (or W), 'errors', 'bits'; optional 'modulation' and 'power uncertainty [dB]'.",
            [target, modulation, powerUncertainty],
            (table, parse, confidence) =>
            {
                var power = table.Require("received power", Dimension.Power, "received power [dBm]");
                var errors = table.Require("errors", Dimension.None, "errors");
                var bits = table.Require("bits", Dimension.None, "bits");
                var lawColumn = table.Columns.FirstOrDefault(c => string.Equals(c.Name, "modulation", StringComparison.OrdinalIgnoreCase));
                var uncertaintyColumn = table.Optional("power uncertainty", Dimension.None);
                var (law, source) = Law(table, lawColumn, parse.GetValue(modulation));
                var uncertainty = uncertaintyColumn is not null
                    ? table.Rows.Max(row => Decibels(table.Quantity(row, uncertaintyColumn), $"{table.File}:{row.Line}:{uncertaintyColumn.Number}"))
                    : AnalyzeCommand.QuantityOption(parse, powerUncertainty) is { } u ? Decibels(u, "--power-uncertainty") : 0;
                var counts = table.Rows.Select(row => new BitErrorCount(table.Quantity(row, power), table.Count(row, errors), table.Count(row, bits))).ToList();
                var points = BitErrorRatioAnalysis.Ratios(counts, confidence);
                var rows = new Table { Title = new TableTitle(Markup.Escape($"Bit error ratios (intervals: {CountInterval.Describe(confidence, oneSided: false)})")) }
                    .AddColumn(new TableColumn("Power (dBm)").RightAligned()).AddColumn(new TableColumn("Errors").RightAligned()).AddColumn(new TableColumn("Bits").RightAligned())
                    .AddColumn(new TableColumn("BER").RightAligned()).AddColumn("Interval");
                foreach (var i in Shown(points.Count))
                {
                    if (i is not { } index)
                    {
                        rows.AddRow(Gap(points.Count, 5));
                        continue;
                    }

                    var p = points[index];
                    rows.AddRow(Number(p.ReceivedPower.Value, "0.###"), Number(p.Count.Errors, "N0"), Number(p.Count.Bits, "N0"),
                        p.ErrorFree ? $"< {Number(p.Upper, "G3")}" : Number(p.Ratio, "G3"), $"{Number(p.Lower, "G3")} … {Number(p.Upper, "G3")}");
                }

                console.Write(rows);
                var fit = law is { } chosen
                    ? BitErrorRatioAnalysis.Fit(counts, parse.GetValue(target), confidence, chosen, uncertainty)
                    : new[] { ReceiverModulation.OnOffKeying, ReceiverModulation.DifferentialPhaseShiftKeying, ReceiverModulation.HomodyneBinaryPhaseShiftKeying }
                        .Select(m => BitErrorRatioAnalysis.Fit(counts, parse.GetValue(target), confidence, m, uncertainty)).MinBy(w => w.Deviance)!;
                var x = fit.Modulation.Variable();
                console.WriteLine($"receiver law: {fit.Modulation.Name()}, {fit.Modulation.Law()} ({source})");
                Write(console, $"Waterfall fit, ln {x} = ln {x}(P_ref) + b·(P − P_ref), P_ref = {fit.ReferencePower}", [fit.QualityAtReference, fit.Slope, fit.Exponent, fit.Sensitivity], "normal, delta method");
                console.WriteLine($"sensitivity at BER {fit.TargetRatio:0.#E+0}: {fit.Sensitivity}");
                console.WriteLine($"sensitivity interval: {fit.Convention}");
                console.WriteLine($"deviance {Number(fit.Deviance, "0.##")} on {fit.DegreesOfFreedom} degrees of freedom; {(fit.Converged ? "converged" : "did not converge")}. k ≈ 1 is the textbook receiver of this law.");
            });
    }

    private static (ReceiverModulation? Law, string Source) Law(InputTable table, InputColumn? column, string? option)
    {
        if (column is not null)
        {
            var names = table.Rows.Select(row => (row.Line, Text: row.Fields[column.Number - 1])).DistinctBy(r => r.Text.ToUpperInvariant()).ToList();
            if (names.Count > 1)
            {
                throw new InputException($"{table.File}:{names[1].Line}:{column.Number}: the modulation changes from '{names[0].Text}' to '{names[1].Text}'; one waterfall is one receiver: split the file.");
            }

            return ReceiverModulations.TryParse(names[0].Text, out var m)
                ? (m, $"column '{column.Header}'")
                : throw new InputException($"{table.File}:{names[0].Line}:{column.Number}: '{names[0].Text}' is not a modulation; use OOK, DPSK, BPSK or PPM.");
        }

        if (option is not null)
        {
            return ReceiverModulations.TryParse(option, out var m) ? (m, "--modulation") : throw new InputException($"--modulation: '{option}' is not a modulation; use OOK, DPSK, BPSK or PPM.");
        }

        return (null, "no --modulation given: the law with the lowest deviance");
    }

    private static double Decibels(Quantity quantity, string where) =>
        quantity.Unit.Symbol is "dB" or "" && quantity.Value >= 0
            ? quantity.Value
            : throw new InputException($"{where}: the power uncertainty {quantity} is a standard uncertainty in dB, e.g. \"0.2 dB\".");
}
