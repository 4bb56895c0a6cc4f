using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
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
            "Thermal stability and dwell: cuts the setpoint into plateaus and, on each, finds when the DUT came within tolerance and its rate — the least-squares slope over " +
            "the window, with its 95 % half-width from the scatter and the sensor's quantisation — fell below the limit, resolved to within half of it, and whether it then stayed " +
            "stable for the required dwell (a window too short to resolve the rate is Inconclusive). Give the procedure's own criteria; the defaults apply only where none is given. " +
            "Columns: 'time [s]' (or min, h), 'setpoint [°C]', 'DUT [°C]'.",
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

                var given = new Dictionary<string, Quantity>(StringComparer.Ordinal);
                foreach (var (option, name) in new[] { (tolerance, WellKnownCriteria.StabilityTolerance), (rate, WellKnownCriteria.StabilityRate), (window, WellKnownCriteria.StabilityWindow), (dwell, WellKnownCriteria.Dwell) })
                {
                    if (AnalyzeCommand.QuantityOption(parse, option) is { } q)
                    {
                        if (q.Dimension != WellKnownCriteria.DimensionOf(name))
                        {
                            throw new InputException($"{option.Name}: {q} is a {q.Dimension}; the {name} is a {WellKnownCriteria.DimensionOf(name)}.");
                        }

                        given[name] = q;
                    }
                }

                var criteria = ThermalCriteria.From(given, defaults);
                var origin = DateTimeOffset.UnixEpoch;
                var result = ThermalDwellAnalysis.Analyse(
                    new TimeTrace(origin, seconds, table.Rows.Select(row => table.Number(row, setpoint)).ToArray(), setpoint.Unit),
                    new TimeTrace(origin, seconds, table.Rows.Select(row => table.Number(row, dut)).ToArray(), dut.Unit),
                    criteria);
                var source = criteria.Source.Replace("the scenario's criteria", "criteria given", StringComparison.Ordinal).Replace("the scenario recorded no stability criteria", "none given", StringComparison.Ordinal);
                var rows = new Table { Title = new TableTitle(Markup.Escape($"Plateaus: within ±{Number(criteria.ToleranceKelvin, "G3")} K, under {Number(criteria.MaximumRateKelvinPerSecond * 3600, "G3")} K/h over {criteria.RateWindow.TotalMinutes:0.#} min, dwell {criteria.RequiredDwell.TotalMinutes:0.#} min ({source})")) }
                    .AddColumn("Setpoint").AddColumn("Start").AddColumn("End").AddColumn("Stable after").AddColumn("Dwell").AddColumn("Rate at end (K/h, 95 %)").AddColumn("Overshoot").AddColumn("Verdict").AddColumn("Why");
                foreach (var i in Shown(result.Plateaus.Count))
                {
                    if (i is not { } index)
                    {
                        rows.AddRow(Gap(result.Plateaus.Count, 9));
                        continue;
                    }

                    var p = result.Plateaus[index];
                    rows.AddRow($"{Number(p.Setpoint - 273.15, "0.##")} °C", Minutes(p.Start), Minutes(p.End), p.StabilisedAt is { } s ? Minutes(s) : "—", Minutes(p.Dwell),
                        p.FinalRate is { } r ? $"{Number(r, "0.##")} ± {Number(p.FinalRateHalfWidth ?? double.NaN, "0.##")}" : "—",
                        $"{Number(p.Overshoot, "0.##")} K", p.Verdict.ToString(), Markup.Escape(p.Reason ?? ""));
                }

                console.Write(rows);
                console.WriteLine($"verdict over the judged plateaus: {result.Verdict}");
            });
    }

    private static string Minutes(TimeSpan time) => $"{time.TotalMinutes:0.#} min";
}
