using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Reports.Csv;

/// <summary>The bench events (SEL, SEU, SEFI, interlock trips, instrument faults) as CSV, one row each.</summary>
public static class EventsCsv
{
    /// <summary>File name in the run folder.</summary>
    public const string FileName = "events.csv";

    /// <summary>Writes <paramref name="events"/> to <paramref name="path"/>.</summary>
    public static void Write(IEnumerable<BenchEventRecorded> events, string path)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.WriteRecords(events.Select(e => new EventRow
        {
            BenchTime = e.BenchTime.ToString("O", CultureInfo.InvariantCulture),
            ScenarioId = e.ScenarioId ?? "",
            Step = e.StepIndex is { } step ? step + 1 : null,
            Kind = e.Kind.ToString(),
            Role = e.Role ?? "",
            Message = e.Message,
            Values = string.Join("; ", e.Values.Select(v => $"{v.Key}={v.Value}")),
        }));
    }

    private sealed class EventRow
    {
        public string BenchTime { get; init; } = "";

        public string ScenarioId { get; init; } = "";

        public int? Step { get; init; }

        public string Kind { get; init; } = "";

        public string Role { get; init; } = "";

        public string Message { get; init; } = "";

        public string Values { get; init; } = "";
    }
}
