using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>
/// Reads a run's store back into <see cref="RunResults"/>: the one way renderers get at results. Works on
/// the store of a run that was killed: everything committed before the kill is there.
/// </summary>
public static class ResultStoreReader
{
    /// <summary>The schema version this reader understands.</summary>
    public static int SchemaVersion => StoreSchema.Version;

    /// <summary>The store file of a run folder (or the path itself if it is the store file).</summary>
    public static string StorePath(string runFolder)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        return File.Exists(runFolder) ? runFolder : Path.Combine(runFolder, StoreSchema.FileName);
    }

    /// <summary>
    /// Reads the store in <paramref name="runFolder"/> (or the store file itself). Throws
    /// <see cref="FileNotFoundException"/> if there is none and <see cref="InvalidDataException"/> if it is
    /// not a result store this version can read.
    /// </summary>
    public static RunResults Read(string runFolder) => Read(runFolder, readOnly: false);

    /// <summary>
    /// Reads the store as <see cref="Read(string)"/>; with <paramref name="readOnly"/> through a read-only
    /// connection, for a run still recording: WAL readers take no lock the writer waits on, and a read-only
    /// connection never checkpoints or recovers anything into the writer's file.
    /// </summary>
    public static RunResults Read(string runFolder, bool readOnly)
    {
        var path = StorePath(runFolder);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No result store at {path}.", path);
        }

        // Read-write, not read-only: a WAL left behind by a killed run must be recovered into view.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate }.ToString());
        try
        {
            connection.Open();
            return Read(connection, path, null);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{path} is not a readable result store: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads through an open connection: everything, or only <paramref name="scenarioId"/>'s scenario with its
    /// events, series and attachments (the run record included), which is what a scenario's live verdict needs.
    /// </summary>
    internal static RunResults Read(SqliteConnection connection, string path, string? scenarioId)
    {
        var version = ReadVersion(connection, path);
        var units = new UnitCache();
        var run = ReadRun(connection) ?? throw new InvalidDataException($"The result store {path} has no run record: the run was killed before it started recording.");
        var filter = new ScenarioFilter(scenarioId);
        var steps = ReadSteps(connection, filter).ToLookup(s => s.ScenarioId);
        var measurements = ReadMeasurements(connection, units, filter, version).ToLookup(m => m.ScenarioId);
        var scenarios = ReadScenarios(connection, steps, measurements, filter);
        var events = ReadEvents(connection, units, filter);
        var series = ReadSeries(connection, units, filter);
        var attachments = ReadAttachments(connection, filter);
        return new RunResults(version, run, scenarios, events, series, attachments);
    }

    private static int ReadVersion(SqliteConnection connection, string path)
    {
        string? text;
        try
        {
            text = Scalar(connection, "SELECT value FROM store_info WHERE key = 'schema_version'") as string;
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{path} is not a SpaceTestBench result store (no store_info table).", e);
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidDataException($"{path} records no schema version.");
        }

        if (version is < StoreSchema.OldestReadable or > StoreSchema.Version)
        {
            throw new InvalidDataException(version < StoreSchema.OldestReadable
                ? $"{path} has schema version {version}, written before this version of SpaceTestBench (which reads version {StoreSchema.Version} and stores back to version {StoreSchema.OldestReadable}); render it with the version that wrote it."
                : $"{path} has schema version {version}, written by a newer SpaceTestBench; this one reads version {StoreSchema.Version}.");
        }

        return version;
    }

    private static RunSummary? ReadRun(SqliteConnection connection) => Rows(
        connection,
        "SELECT provenance, started_bench, finished_bench, finished_wall, verdict FROM run LIMIT 1",
        reader =>
        {
            var info = JsonSerializer.Deserialize(reader.GetString(0), StoreJsonContext.Default.RunInfo)
                ?? throw new InvalidDataException("The run record's provenance is empty.");
            return new RunSummary(info, Time(reader.GetString(1)), OptionalTime(reader, 2), OptionalTime(reader, 3), OptionalVerdict(reader, 4));
        }).SingleOrDefault();

    private static List<ScenarioResult> ReadScenarios(
        SqliteConnection connection, ILookup<string, StepRecord> steps, ILookup<string, MeasurementResult> measurements, ScenarioFilter filter) => Rows(
        connection,
        $"SELECT scenario_id, feature_uri, feature_name, rule_name, name, line, tags, started_bench, finished_bench, verdict, message FROM scenario {filter.Where} ORDER BY seq",
        filter,
        reader =>
        {
            var id = reader.GetString(0);
            var tags = JsonSerializer.Deserialize(reader.GetString(6), StoreJsonContext.Default.ListString) ?? [];
            var info = new ScenarioInfo(id, reader.GetString(1), reader.GetString(2), OptionalString(reader, 3), reader.GetString(4), reader.GetInt32(5), tags);
            return new ScenarioResult(
                info, Time(reader.GetString(7)), OptionalTime(reader, 8), OptionalVerdict(reader, 9), OptionalString(reader, 10),
                steps[id].OrderBy(s => s.Index).ToList(), measurements[id].ToList());
        });

    private static List<StepRecord> ReadSteps(SqliteConnection connection, ScenarioFilter filter) => Rows(
        connection,
        $"SELECT scenario_id, step_index, text, keyword, line, started_bench, finished_bench, outcome, duration_s, message FROM step {filter.Where}",
        filter,
        reader => new StepRecord(
            reader.GetString(0), reader.GetInt32(1), reader.GetString(2), OptionalString(reader, 3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4), OptionalTime(reader, 5), OptionalTime(reader, 6),
            reader.IsDBNull(7) ? null : Enum.Parse<StepOutcome>(reader.GetString(7)),
            reader.IsDBNull(8) ? null : TimeSpan.FromSeconds(reader.GetDouble(8)), OptionalString(reader, 9)));

    // Stores before version 4 have no decision column: every verdict there was simple acceptance.
    private static List<MeasurementResult> ReadMeasurements(SqliteConnection connection, UnitCache units, ScenarioFilter filter, int version) => Rows(
        connection,
        $"SELECT seq, scenario_id, step_index, name, value, unit, limit_json, verdict, bench_time, role, instrument, conditions, {(version >= 4 ? "decision" : "NULL")} FROM measurement {filter.Where} ORDER BY seq",
        filter,
        reader =>
        {
            var limit = reader.IsDBNull(6) ? null : JsonSerializer.Deserialize(reader.GetString(6), StoreJsonContext.Default.StoredLimit)?.ToLimit();
            return new MeasurementResult(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                new Quantity(reader.GetDouble(4), units.Get(reader.GetString(5))),
                limit, Enum.Parse<Verdict>(reader.GetString(7)), Time(reader.GetString(8)),
                OptionalString(reader, 9), OptionalString(reader, 10), QuantitiesOf(reader.GetString(11), units))
            {
                Decision = OptionalString(reader, 12),
            };
        });

    private static List<BenchEventRecorded> ReadEvents(SqliteConnection connection, UnitCache units, ScenarioFilter filter) => Rows(
        connection,
        $"SELECT scenario_id, step_index, bench_time, kind, role, message, event_values FROM bench_event {filter.Where} ORDER BY seq",
        filter,
        reader => new BenchEventRecorded(
            Time(reader.GetString(2)), OptionalString(reader, 0), reader.IsDBNull(1) ? null : reader.GetInt32(1),
            Enum.Parse<BenchEventKind>(reader.GetString(3)), OptionalString(reader, 4), reader.GetString(5),
            QuantitiesOf(reader.GetString(6), units)));

    private static List<SeriesResult> ReadSeries(SqliteConnection connection, UnitCache units, ScenarioFilter filter)
    {
        var infos = Rows(
            connection,
            $"SELECT series_id, scenario_id, step_index, name, kind, x_name, x_unit, y_unit, role, instrument, origin_bench FROM series {filter.Where} ORDER BY series_id",
            filter,
            reader => new SeriesInfo(
                reader.GetInt32(0), OptionalString(reader, 1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetString(3),
                Enum.Parse<SeriesKind>(reader.GetString(4)), reader.GetString(5), units.Get(reader.GetString(6)), units.Get(reader.GetString(7)),
                OptionalString(reader, 8), OptionalString(reader, 9), Time(reader.GetString(10))));

        // Two passes over the points: count per series to allocate exact arrays, then fill them in append
        // (rowid) order. One million points stay two arrays of doubles per series, nothing more.
        var points = filter.Id is null ? "series_point" : $"series_point WHERE series_id IN (SELECT series_id FROM series {filter.Where})";
        var counts = Rows(connection, $"SELECT series_id, COUNT(*) FROM {points} GROUP BY series_id", filter, r => (Id: r.GetInt32(0), Count: r.GetInt32(1)))
            .ToDictionary(c => c.Id, c => c.Count);
        var buffers = infos.ToDictionary(i => i.SeriesId, i => new PointBuffer(counts.GetValueOrDefault(i.SeriesId)));
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT series_id, x, y FROM {points} ORDER BY rowid";
            filter.Bind(command);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (buffers.TryGetValue(reader.GetInt32(0), out var buffer))
                {
                    buffer.Add(reader.GetDouble(1), reader.GetDouble(2));
                }
            }
        }

        return infos.Select(i => new SeriesResult(i, buffers[i.SeriesId].X, buffers[i.SeriesId].Y)).ToList();
    }

    private static List<AttachmentResult> ReadAttachments(SqliteConnection connection, ScenarioFilter filter) => Rows(
        connection,
        $"SELECT seq, bench_time, scenario_id, step_index, name, media_type, content FROM attachment {filter.Where} ORDER BY seq",
        filter,
        reader => new AttachmentResult(
            reader.GetInt64(0), Time(reader.GetString(1)), OptionalString(reader, 2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
            reader.GetString(4), reader.GetString(5), (byte[])reader.GetValue(6)));

    private static Dictionary<string, Quantity> QuantitiesOf(string json, UnitCache units) =>
        (JsonSerializer.Deserialize(json, StoreJsonContext.Default.DictionaryStringStoredQuantity) ?? [])
            .ToDictionary(kv => kv.Key, kv => new Quantity(kv.Value.Value, units.Get(kv.Value.Unit)), StringComparer.Ordinal);

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map) => Rows(connection, sql, ScenarioFilter.None, map);

    private static List<T> Rows<T>(SqliteConnection connection, string sql, ScenarioFilter filter, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        filter.Bind(command);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static DateTimeOffset? OptionalTime(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader.GetString(ordinal));

    private static string? OptionalString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static Verdict? OptionalVerdict(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Enum.Parse<Verdict>(reader.GetString(ordinal));

    /// <summary>All scenarios, or one: the WHERE clause and its parameter.</summary>
    private sealed class ScenarioFilter(string? id)
    {
        public static ScenarioFilter None { get; } = new(null);

        public string? Id { get; } = id;

        public string Where => Id is null ? "" : "WHERE scenario_id = $scenario";

        public void Bind(SqliteCommand command)
        {
            if (Id is not null)
            {
                command.Parameters.AddWithValue("$scenario", Id);
            }
        }
    }

    /// <summary>One series' points, in arrays sized from the count pass.</summary>
    private sealed class PointBuffer(int count)
    {
        private int _filled;

        public double[] X { get; } = new double[count];

        public double[] Y { get; } = new double[count];

        public void Add(double x, double y)
        {
            X[_filled] = x;
            Y[_filled] = y;
            _filled++;
        }
    }

    /// <summary>Unit symbols repeat on every row; parse each once.</summary>
    private sealed class UnitCache
    {
        private readonly Dictionary<string, Unit> _units = new(StringComparer.Ordinal);

        public Unit Get(string symbol)
        {
            if (!_units.TryGetValue(symbol, out var unit))
            {
                unit = Units.Parse(symbol);
                _units[symbol] = unit;
            }

            return unit;
        }
    }
}
