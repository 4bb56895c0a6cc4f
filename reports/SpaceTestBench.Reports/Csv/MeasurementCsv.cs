using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Csv;

/// <summary>
/// Measurement tables as CSV: one row per measurement with its value and unit, its limits in the same
/// unit, its verdict and conditions, and, after them (so readers of the earlier columns read on), the source
/// of its limit and its decision. The verdict is the one the report shows: Inconclusive for a measurement
/// taken with an instrument out of calibration (<see cref="CalibrationAtUse"/>), the reason in the decision.
/// <c>results.csv</c> holds every measurement of the run; each scenario's table is also written on its own
/// (<c>tables/&lt;scenario-id&gt;.csv</c>).
/// </summary>
public static class MeasurementCsv
{
    /// <summary>File name of the run's table in the run folder.</summary>
    public const string FileName = "results.csv";

    /// <summary>Folder of the per-scenario tables.</summary>
    public const string TablesFolder = "tables";

    /// <summary>Writes <paramref name="measurements"/> to <paramref name="path"/>.</summary>
    public static void Write(IEnumerable<MeasurementResult> measurements, IReadOnlyDictionary<string, ScenarioInfo> scenarios, RunInfo run, string path)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        using var rows = new Rows(scenarios, run);
        rows.Write(measurements, path);
    }

    /// <summary>
    /// The run's rows, each formatted once by one CSV writer and then written to every table that holds it
    /// (<c>results.csv</c> and its scenario's table): a CSV writer compiles its record writer when it first writes, and a
    /// measurement's calibration at use is judged to write its row, so a writer per table did both again for every
    /// scenario (about a hundredth of the main job's CPU). The text is the one a writer per table wrote.
    /// </summary>
    internal sealed class Rows : IDisposable
    {
        private readonly IReadOnlyDictionary<string, ScenarioInfo> _scenarios;
        private readonly RunInfo _run;
        private readonly StringWriter _text = new(CultureInfo.InvariantCulture);
        private readonly CsvWriter _csv;
        private readonly string _header;
        private readonly Dictionary<MeasurementResult, string> _lines = new(ReferenceEqualityComparer.Instance);

        /// <summary>Rows of the measurements of <paramref name="run"/>, its scenarios' names from <paramref name="scenarios"/>.</summary>
        public Rows(IReadOnlyDictionary<string, ScenarioInfo> scenarios, RunInfo run)
        {
            ArgumentNullException.ThrowIfNull(scenarios);
            ArgumentNullException.ThrowIfNull(run);
            _scenarios = scenarios;
            _run = run;
            _csv = new CsvWriter(_text, new CsvConfiguration(CultureInfo.InvariantCulture));
            _csv.WriteHeader<MeasurementRow>();
            _header = Take();
        }

        /// <summary>Writes the header and the rows of <paramref name="measurements"/>, in their order, to <paramref name="path"/>.</summary>
        public void Write(IEnumerable<MeasurementResult> measurements, string path)
        {
            ArgumentNullException.ThrowIfNull(measurements);
            ArgumentNullException.ThrowIfNull(path);
            using var writer = new StreamWriter(path);
            writer.Write(_header);
            foreach (var m in measurements)
            {
                writer.Write(Line(m));
            }
        }

        private string Line(MeasurementResult m)
        {
            if (!_lines.TryGetValue(m, out var line))
            {
                _csv.WriteRecord(Row(m));
                line = Take();
                _lines.Add(m, line);
            }

            return line;
        }

        /// <summary>Ends the record being written and takes its text, line end included.</summary>
        private string Take()
        {
            _csv.NextRecord();
            _csv.Flush();
            var builder = _text.GetStringBuilder();
            var text = builder.ToString();
            builder.Clear();
            return text;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _csv.Dispose();
            _text.Dispose();
        }

        private MeasurementRow Row(MeasurementResult m)
        {
            var scenario = _scenarios.TryGetValue(m.ScenarioId, out var info) ? info : null;
            var unit = m.Value.Unit;
            var (verdict, calibration) = CalibrationAtUse.Judge(_run, m);
            return new MeasurementRow
            {
                Feature = scenario?.FeatureName ?? "",
                Scenario = scenario?.Name ?? "",
                ScenarioId = m.ScenarioId,
                Step = m.StepIndex + 1,
                BenchTime = m.BenchTime.ToString("O", CultureInfo.InvariantCulture),
                Measurement = m.Name,
                Value = m.Value.Value,
                Unit = unit.Symbol,
                ValueSi = m.Value.SiValue,
                Comparison = m.Limit?.Comparison.ToString() ?? "",
                LowerLimit = m.Limit?.LowerBound?.In(unit),
                UpperLimit = m.Limit?.UpperBound?.In(unit),
                Limit = m.Limit?.ToString() ?? "",
                Verdict = verdict.ToString(),
                Role = m.Role ?? "",
                Instrument = m.Instrument ?? "",
                Conditions = string.Join("; ", m.Conditions.Select(c => $"{c.Key}={c.Value}")),
                LimitSource = m.Limit is null ? "" : m.LimitSource ?? "not stated",
                Decision = string.Join("; ", new[] { m.Decision, calibration }.OfType<string>()),
            };
        }
    }

    private sealed class MeasurementRow
    {
        public string Feature { get; init; } = "";

        public string Scenario { get; init; } = "";

        public string ScenarioId { get; init; } = "";

        public int Step { get; init; }

        public string BenchTime { get; init; } = "";

        public string Measurement { get; init; } = "";

        public double Value { get; init; }

        public string Unit { get; init; } = "";

        public double ValueSi { get; init; }

        public string Comparison { get; init; } = "";

        public double? LowerLimit { get; init; }

        public double? UpperLimit { get; init; }

        public string Limit { get; init; } = "";

        public string Verdict { get; init; } = "";

        public string Role { get; init; } = "";

        public string Instrument { get; init; } = "";

        public string Conditions { get; init; } = "";

        public string LimitSource { get; init; } = "";

        public string Decision { get; init; } = "";
    }
}
