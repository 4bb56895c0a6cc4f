using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Csv;

/// <summary>Writes <c>results.csv</c>: one row per measurement with its unit, limits and verdict.</summary>
public static class ResultsCsv
{
    /// <summary>File name in the run folder.</summary>
    public const string FileName = "results.csv";

    /// <summary>Writes the measurements of <paramref name="results"/> to <paramref name="path"/>.</summary>
    public static void Write(RunResults results, string path)
    {
        ArgumentNullException.ThrowIfNull(results);
        var scenarios = results.Scenarios.ToDictionary(s => s.Info.ScenarioId);
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.WriteRecords(results.Measurements.Select(m =>
        {
            var scenario = scenarios[m.ScenarioId].Info;
            return new MeasurementRow
            {
                Feature = scenario.FeatureName,
                Scenario = scenario.Name,
                ScenarioId = m.ScenarioId,
                Step = m.StepIndex + 1,
                BenchTime = m.BenchTime.ToString("O", CultureInfo.InvariantCulture),
                Measurement = m.Name,
                Value = m.Value.Value,
                Unit = m.Value.Unit.Symbol,
                ValueSi = m.Value.SiValue,
                Comparison = m.Limit?.Comparison.ToString() ?? "",
                Limit = m.Limit?.ToString() ?? "",
                Verdict = m.Verdict.ToString(),
                Role = m.Role ?? "",
                Instrument = m.Instrument ?? "",
                Conditions = string.Join("; ", m.Conditions.Select(c => $"{c.Key}={c.Value}")),
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

        public string Limit { get; init; } = "";

        public string Verdict { get; init; } = "";

        public string Role { get; init; } = "";

        public string Instrument { get; init; } = "";

        public string Conditions { get; init; } = "";
    }
}
