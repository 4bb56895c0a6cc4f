using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpaceTestBench.Results.Provenance;

namespace SpaceTestBench.Results.Store;

/// <summary>A scenario as the store of an interrupted run holds it.</summary>
/// <param name="ScenarioId">Its id in the run.</param>
/// <param name="FeatureUri">Feature file, relative to the features root.</param>
/// <param name="Line">Line of the scenario or example row.</param>
/// <param name="Name">Its name.</param>
/// <param name="Finished">True if it has a verdict.</param>
/// <param name="CompletedSteps">Indexes of the steps that finished (any outcome), in order.</param>
public sealed record ResumableScenario(string ScenarioId, string FeatureUri, int Line, string Name, bool Finished, IReadOnlyList<int> CompletedSteps)
{
    /// <summary>The first step that did not finish: where a resumed run continues.</summary>
    public int FirstUnfinishedStep
    {
        get
        {
            var next = 0;
            while (CompletedSteps.Contains(next))
            {
                next++;
            }

            return next;
        }
    }
}

/// <summary>
/// Where an interrupted run stands, read from its store: what ran and finished, where the unfinished
/// scenario stopped, how far its long waits had got, what the bench had commanded, and the last bench time.
/// </summary>
/// <param name="Run">The run's provenance (bench, DUT, features, tags).</param>
/// <param name="Finished">True if the run recorded its end.</param>
/// <param name="LastBenchTime">The latest bench time anything was recorded at.</param>
/// <param name="Scenarios">Scenario records in the order they started.</param>
/// <param name="SeriesCount">Series recorded so far (series ids continue after it).</param>
public sealed record ResumePoint(RunInfo Run, bool Finished, DateTimeOffset LastBenchTime, IReadOnlyList<ResumableScenario> Scenarios, int SeriesCount)
{
    private Dictionary<(string, int, int), TimeSpan> Waits { get; init; } = [];

    private Dictionary<(string, int), string> Settings { get; init; } = [];

    private Dictionary<(string, int, int), TimeSpan> WaitDurations { get; init; } = [];

    /// <summary>How much of long wait <paramref name="ordinal"/> in the step had passed (zero if none recorded).</summary>
    public TimeSpan WaitDone(string scenarioId, int stepIndex, int ordinal) =>
        Waits.TryGetValue((scenarioId, stepIndex, ordinal), out var done) ? done : TimeSpan.Zero;

    /// <summary>
    /// As <see cref="WaitDone(string, int, int)"/>, but only for the same wait: one of <paramref name="duration"/>. A step
    /// that computes its wait from the physics (the time a dose still needs) asks for a different one once the physics
    /// has moved on, and waits it whole — the physics, not the clock, carries what was done.
    /// </summary>
    public TimeSpan WaitDone(string scenarioId, int stepIndex, int ordinal, TimeSpan duration) =>
        WaitDurations.TryGetValue((scenarioId, stepIndex, ordinal), out var recorded) && Math.Abs((recorded - duration).TotalMilliseconds) < 1
            ? WaitDone(scenarioId, stepIndex, ordinal)
            : TimeSpan.Zero;

    /// <summary>The bench's settings journal (JSON) when the step began, or null.</summary>
    public string? SettingsAt(string scenarioId, int stepIndex) =>
        Settings.TryGetValue((scenarioId, stepIndex), out var json) ? json : null;

    /// <summary>Reads the resume point of the run in <paramref name="runFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no store.</exception>
    /// <exception cref="InvalidDataException">It is not a store this version can resume.</exception>
    public static ResumePoint Read(string runFolder)
    {
        var path = ResultStoreReader.StorePath(runFolder);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No result store at {path}: nothing to resume.", path);
        }

        // Read and check like a report does first: an unreadable or foreign store is refused with its reason.
        var results = ResultStoreReader.Read(runFolder);
        if (results.SchemaVersion != StoreSchema.Version)
        {
            throw new InvalidDataException($"{path} has schema version {results.SchemaVersion}; only version {StoreSchema.Version} stores record the checkpoints a resume needs.");
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var steps = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (scenario, index) in Rows(connection, "SELECT scenario_id, step_index FROM step WHERE outcome IS NOT NULL ORDER BY step_index", r => (r.GetString(0), r.GetInt32(1))))
        {
            (steps.TryGetValue(scenario, out var list) ? list : steps[scenario] = []).Add(index);
        }

        var scenarios = Rows(
            connection,
            "SELECT scenario_id, feature_uri, line, name, verdict FROM scenario ORDER BY seq",
            r => new ResumableScenario(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), !r.IsDBNull(4),
                steps.TryGetValue(r.GetString(0), out var done) ? done : []));
        var waitRows = Rows(connection, "SELECT scenario_id, step_index, ordinal, done_s, duration_s FROM wait_checkpoint",
            r => (Key: (r.GetString(0), r.GetInt32(1), r.GetInt32(2)), Done: TimeSpan.FromSeconds(r.GetDouble(3)), Duration: TimeSpan.FromSeconds(r.GetDouble(4))));
        var waits = waitRows.ToDictionary(w => w.Key, w => w.Done);
        var settings = Rows(connection, "SELECT scenario_id, step_index, journal FROM settings_checkpoint",
            r => (Key: (r.GetString(0), r.GetInt32(1)), Json: r.GetString(2))).ToDictionary(s => s.Key, s => s.Json);
        var last = Rows(
            connection,
            """
            SELECT MAX(t) FROM (
                SELECT MAX(started_bench) AS t FROM scenario UNION ALL SELECT MAX(finished_bench) FROM scenario
                UNION ALL SELECT MAX(finished_bench) FROM step UNION ALL SELECT MAX(started_bench) FROM step
                UNION ALL SELECT MAX(bench_time) FROM measurement UNION ALL SELECT MAX(bench_time) FROM bench_event
                UNION ALL SELECT MAX(bench_time) FROM wait_checkpoint UNION ALL SELECT started_bench FROM run)
            """,
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : DateTimeOffset.Parse(r.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)).Single();
        // Series ids stay unique across the superseded ones too: a resume cut again before its step opened new series
        // would otherwise hand out an id a superseded series holds.
        var superseded = Rows(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='superseded_series'", r => r.GetInt32(0)).Single() > 0;
        var seriesCount = Rows(
            connection,
            superseded
                ? "SELECT MAX(id) FROM (SELECT COALESCE(MAX(series_id), 0) AS id FROM series UNION ALL SELECT COALESCE(MAX(series_id), 0) FROM superseded_series)"
                : "SELECT COALESCE(MAX(series_id), 0) FROM series",
            r => r.GetInt32(0)).Single();
        return new ResumePoint(results.Run.Info, results.Run.FinishedWall is not null, last ?? results.Run.StartedBench, scenarios, seriesCount)
        {
            Waits = waits,
            WaitDurations = waitRows.ToDictionary(w => w.Key, w => w.Duration),
            Settings = settings,
        };
    }

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
