using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using static SpaceTestBench.Cli.Analyze.ParameterTable;

namespace SpaceTestBench.Cli.Analyze;

/// <summary><c>spacebench analyze thermal</c>: stability and dwell of every setpoint plateau of a temperature profile.</summary>
internal static class ThermalAnalysisCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var defaults = ThermalCriteria.Default;
        var tolerance = new Option<string?>("--tolerance") { Description = $"Largest |T_DUT − setpoint| (default {defaults.Tolerance}).", HelpName = "QUANTITY" };
        var rate = new Option<string?>("--max-rate") { Description = $"Largest |dT/dt| over the window (default {defaults.MaximumRate}).", HelpName = "QUANTITY" };
        var window = new Option<string?>("--window") { Description = $"Window the rate is fitted over (default {defaults.RateWindow.TotalMinutes} min).", HelpName = "QUANTITY" };
        var dwell = new Option<string?>("--dwell") { Description = $"Dwell required once stable (default {defaults.RequiredDwell.TotalMinutes} min).", HelpName = "QUANTITY" };
        return AnalyzeCommand.Verb(
            console,
            "thermal",
            "Thermal stability and dwell: cuts the setpoint into plateaus and, on each, finds when the DUT came within tolerance and its rate fell below the limit, " +
            "and whether it then stayed stable for the required dwell. Columns: 'time [s]' (or min, h), 'setpoint [°C]', 'DUT [°C]'.",
            [tolerance, rate, window, dwell],
            (table, parse, confidence) =>
            {
                var time = table.Require("time", Dimension.TimeDim, "time [s]");
                var setpoint = table.Require("setpoint", Dimension.TemperatureDim, "setpoint [°C]");
                var dut = table.Require("DUT", Dimension.TemperatureDim, "DUT [°C]");
                var seconds = table.Rows.Select(row => table.Quantity(row, time).In(Units.Second)).ToArray();
                for (var i = 1; i < seconds.Length; i++)
                {
                    if (seconds[i] < seconds[i - 1])
                    {
                        throw new InputException($"{table.File}:{table.Rows[i].Line}:{time.Number}: time goes backwards; the rows must be in time order.");
                    }
                }

                var criteria = new ThermalCriteria(
                    AnalyzeCommand.QuantityOption(parse, tolerance) ?? defaults.Tolerance,
                    AnalyzeCommand.QuantityOption(parse, rate) ?? defaults.MaximumRate,
                    AnalyzeCommand.QuantityOption(parse, window) is { } w ? TimeSpan.FromSeconds(w.In(Units.Second)) : defaults.RateWindow,
                    AnalyzeCommand.QuantityOption(parse, dwell) is { } d ? TimeSpan.FromSeconds(d.In(Units.Second)) : defaults.RequiredDwell);
                var origin = DateTimeOffset.UnixEpoch;
                var result = ThermalDwellAnalysis.Analyse(
                    new TimeTrace(origin, seconds, table.Rows.Select(row => table.Number(row, setpoint)).ToArray(), setpoint.Unit),
                    new TimeTrace(origin, seconds, table.Rows.Select(row => table.Number(row, dut)).ToArray(), dut.Unit),
                    criteria);
                var rows = new Table { Title = new TableTitle($"Plateaus: within ±{Number(criteria.ToleranceKelvin, "G3")} K, under {Number(criteria.MaximumRateKelvinPerSecond * 3600, "G3")} K/h over {criteria.RateWindow.TotalMinutes:0.#} min, dwell {criteria.RequiredDwell.TotalMinutes:0.#} min") }
                    .AddColumn("Setpoint").AddColumn("Start").AddColumn("End").AddColumn("Stable after").AddColumn("Dwell").AddColumn("Overshoot").AddColumn("Verdict").AddColumn("Why");
                foreach (var p in result.Plateaus)
                {
                    rows.AddRow($"{Number(p.Setpoint - 273.15, "0.##")} °C", Minutes(p.Start), Minutes(p.End), p.StabilisedAt is { } s ? Minutes(s) : "—", Minutes(p.Dwell),
                        $"{Number(p.Overshoot, "0.##")} K", p.Verdict.ToString(), Markup.Escape(p.Reason ?? ""));
                }

                console.Write(rows);
                console.MarkupLineInterpolated($"verdict over the judged plateaus: {result.Verdict}");
            });
    }

    private static string Minutes(TimeSpan time) => $"{time.TotalMinutes:0.#} min";
}
