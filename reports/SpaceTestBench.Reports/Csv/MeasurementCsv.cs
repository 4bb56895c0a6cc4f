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
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(scenarios);
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.WriteRecords(measurements.Select(m =>
        {
            var scenario = scenarios.TryGetValue(m.ScenarioId, out var info) ? info : null;
            var unit = m.Value.Unit;
            var (verdict, calibration) = CalibrationAtUse.Judge(run, m);
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
        }));
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
