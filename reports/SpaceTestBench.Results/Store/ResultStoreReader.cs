using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>Reads a run's store back into <see cref="RunResults"/>. Works on the store of a run that was killed.</summary>
public static class ResultStoreReader
{
    /// <summary>Reads the store in <paramref name="runFolder"/> (or the store file itself).</summary>
    public static RunResults Read(string runFolder)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        var path = File.Exists(runFolder) ? runFolder : Path.Combine(runFolder, StoreSchema.FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No result store at {path}.", path);
        }

        // Read-write, not read-only: a WAL left behind by a killed run must be recovered into view.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var run = ReadRun(connection) ?? throw new InvalidDataException($"The result store {path} has no run record.");
        var steps = ReadSteps(connection).ToLookup(s => s.ScenarioId);
        var measurements = ReadMeasurements(connection).ToLookup(m => m.ScenarioId);
        var scenarios = ReadScenarios(connection, steps, measurements);
        var events = ReadEvents(connection);
        return new RunResults(run, scenarios, events);
    }

    private static RunSummary? ReadRun(SqliteConnection connection) => Rows(
        connection,
        "SELECT run_id, bench_name, bench_file, dut_name, dut_file, operator, software_version, started_bench, started_wall, properties, finished_bench, finished_wall, verdict FROM run LIMIT 1",
        reader =>
        {
            var properties = JsonSerializer.Deserialize(reader.GetString(9), StoreJsonContext.Default.DictionaryStringString) ?? [];
            var info = new RunInfo(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), Time(reader.GetString(8)), properties);
            return new RunSummary(info, Time(reader.GetString(7)), OptionalTime(reader, 10), OptionalTime(reader, 11), OptionalVerdict(reader, 12));
        }).SingleOrDefault();

    private static List<ScenarioResult> ReadScenarios(
        SqliteConnection connection, ILookup<string, StepFinished> steps, ILookup<string, MeasurementResult> measurements) => Rows(
        connection,
        "SELECT scenario_id, feature_uri, feature_name, rule_name, name, line, tags, started_bench, finished_bench, verdict, message FROM scenario ORDER BY seq",
        reader =>
        {
            var id = reader.GetString(0);
            var tags = JsonSerializer.Deserialize(reader.GetString(6), StoreJsonContext.Default.ListString) ?? [];
            var info = new ScenarioInfo(id, reader.GetString(1), reader.GetString(2), OptionalString(reader, 3), reader.GetString(4), reader.GetInt32(5), tags);
            return new ScenarioResult(
                info, Time(reader.GetString(7)), OptionalTime(reader, 8), OptionalVerdict(reader, 9), OptionalString(reader, 10),
                steps[id].OrderBy(s => s.StepIndex).ToList(), measurements[id].ToList());
        });

    private static List<StepFinished> ReadSteps(SqliteConnection connection) => Rows(
        connection,
        "SELECT scenario_id, step_index, keyword, text, line, outcome, duration_s, message, finished_bench FROM step",
        reader => new StepFinished(
            Time(reader.GetString(8)), reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
            Enum.Parse<StepOutcome>(reader.GetString(5)), TimeSpan.FromSeconds(reader.GetDouble(6)), OptionalString(reader, 7)));

    private static List<MeasurementResult> ReadMeasurements(SqliteConnection connection) => Rows(
        connection,
        "SELECT seq, scenario_id, step_index, name, value, unit, limit_json, verdict, bench_time, role, instrument, conditions FROM measurement ORDER BY seq",
        reader =>
        {
            var limit = reader.IsDBNull(6) ? null : JsonSerializer.Deserialize(reader.GetString(6), StoreJsonContext.Default.StoredLimit)?.ToLimit();
            var conditions = (JsonSerializer.Deserialize(reader.GetString(11), StoreJsonContext.Default.DictionaryStringStoredQuantity) ?? [])
                .ToDictionary(kv => kv.Key, kv => kv.Value.ToQuantity());
            return new MeasurementResult(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                new Quantity(reader.GetDouble(4), Units.Parse(reader.GetString(5))),
                limit, Enum.Parse<Verdict>(reader.GetString(7)), Time(reader.GetString(8)),
                OptionalString(reader, 9), OptionalString(reader, 10), conditions);
        });

    private static List<BenchEventRecorded> ReadEvents(SqliteConnection connection) => Rows(
        connection,
        "SELECT scenario_id, bench_time, kind, role, message FROM bench_event ORDER BY seq",
        reader => new BenchEventRecorded(Time(reader.GetString(1)), OptionalString(reader, 0), reader.GetString(2), OptionalString(reader, 3), reader.GetString(4)));

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static DateTimeOffset? OptionalTime(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader.GetString(ordinal));

    private static string? OptionalString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static Verdict? OptionalVerdict(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Enum.Parse<Verdict>(reader.GetString(ordinal));
}
