using System.Globalization;
using System.Text;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// Equipment (ISO/IEC 17025 §6.4.13, §7.8.2.1): every instrument with model, serial, firmware, calibration certificate
/// and due date, and its calibration status at each use in bench time, not at the run's wall-clock start; every
/// measurement's status is in <c>calibration-status.csv</c>.
/// </summary>
internal static class EquipmentSection
{
    public const string CsvFile = "calibration-status.csv";

    public static void Write(StringBuilder html, RunResults results, IReadOnlyList<EquipmentUse> uses)
    {
        var info = results.Run.Info;
        html.Append("<section id=\"equipment\">\n<h2>Equipment and calibration</h2>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>Calibration is judged at each use in bench time: a calibration is valid through its due date (UTC). The status of every measurement is in {Link(CsvFile, CsvFile)}. ")
            .Append(E(info.PlannedDuration is { } planned
                ? $"The campaign was planned to take {planned.TotalHours:0.#} h of bench time; the calibration gate checked every instrument from the start to the planned end {Time(results.Run.StartedBench + planned)}."
                : "Planned end unknown: the calibration gate checked the instruments at the start only; the uses below show where the run went past a due date."))
            .Append("</p>\n<table id=\"instruments\">")
            .Head("Id", "Roles", "Model, identity (*IDN?) and resource", "Serial", "Firmware", "Calibration certificate", "Due", "Status at time of use");
        foreach (var use in uses)
        {
            var i = use.Instrument;
            var c = use.Calibration;
            var css = use.UsedOutOfCalibration || use.UsedWithoutRecord ? "expired" : c.Due is null && c.NotRequiredBecause is null ? "expired" : "";
            html.Append("<tr").Append(css.Length > 0 ? " class=\"out-of-calibration\"" : "").Append('>');
            foreach (var cell in new[]
            {
                E(i.Id), E(string.Join(", ", i.Roles)),
                $"{E(i.Model)}<br><span class=\"uri\">{E(i.Identity)}<br>{E(i.Resource)}{(i.Simulated ? " (simulator)" : "")}</span>",
                E(i.SerialNumber ?? "not recorded"), E(i.Firmware ?? "not reported"),
                E(c.Certificate ?? (c.NotRequiredBecause is null ? "none recorded" : "not applicable"))
                    + (c.Laboratory is { } lab ? $"<br><span class=\"uri\">by {E(lab)}</span>" : ""),
                E(c.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? (c.NotRequiredBecause is null ? "NOT RECORDED" : "not applicable")),
                css.Length > 0 ? $"<span class=\"expired\">{E(use.Status)}</span>" : E(use.Status),
            })
            {
                html.Append("<td>").Append(cell).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>Writes every measurement with the calibration status, at its bench time, of the instrument playing its role.</summary>
    public static void WriteCsv(RunResults results, string path)
    {
        var csv = new StringBuilder("sequence,scenario,measurement,bench_time,role,instrument,calibration_due,status\n");
        foreach (var m in results.Measurements)
        {
            var instrument = EquipmentUse.PlayerOf(results.Run.Info, m.Role);
            var record = instrument?.CalibrationOrDue;
            var status = instrument is null ? "no instrument for the role"
                : record!.NotRequiredBecause is not null ? "calibration not required"
                : record.Due is null ? "no calibration record"
                : record.ValidAt(m.BenchTime) ? "in calibration" : "OUT OF CALIBRATION";
            csv.Append(CultureInfo.InvariantCulture, $"{m.Sequence},{Quote(m.ScenarioId)},{Quote(m.Name)},{m.BenchTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'},{Quote(m.Role ?? "")},{Quote(instrument?.Id ?? "")},{record?.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""},{status}\n");
        }

        File.WriteAllText(path, csv.ToString());
    }

    private static string Quote(string text) => text.AsSpan().IndexOfAny(",\"\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
