using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>
/// The durable result store: a SQLite database in the run folder, written as results happen. Every event
/// is its own committed transaction in WAL mode with full sync, so killing the process loses nothing
/// already recorded, and a report can be rendered from the store alone.
/// </summary>
public sealed class SqliteResultStore : IResultSink, IDisposable
{
    private readonly SqliteConnection _connection;
    private int _scenarioSeq;

    private SqliteResultStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The store file name inside a run folder.</summary>
    public static string FileName => StoreSchema.FileName;

    /// <summary>Creates (or reopens) the store in <paramref name="runFolder"/>.</summary>
    public static SqliteResultStore Create(string runFolder)
    {
        Directory.CreateDirectory(runFolder);
        var path = System.IO.Path.Combine(runFolder, StoreSchema.FileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, StoreSchema.Create);
        Execute(connection, $"INSERT OR REPLACE INTO store_info (key, value) VALUES ('schema_version', '{StoreSchema.Version}');");
        return new SqliteResultStore(connection, path);
    }

    /// <inheritdoc />
    public void Emit(ResultEvent resultEvent)
    {
        ArgumentNullException.ThrowIfNull(resultEvent);
        switch (resultEvent)
        {
            case RunStarted e:
                Insert(
                    "INSERT OR REPLACE INTO run (run_id, bench_name, bench_file, dut_name, dut_file, operator, software_version, started_bench, started_wall, properties) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
                    e.Run.RunId, e.Run.BenchName, e.Run.BenchFile, e.Run.DutName, e.Run.DutFile, e.Run.Operator, e.Run.SoftwareVersion,
                    Time(e.BenchTime), Time(e.Run.StartedWall),
                    JsonSerializer.Serialize(new Dictionary<string, string>(e.Run.Properties), StoreJsonContext.Default.DictionaryStringString));
                break;
            case RunFinished e:
                Insert("UPDATE run SET finished_bench=$1, finished_wall=$2, verdict=$3", Time(e.BenchTime), Time(e.FinishedWall), e.Verdict.ToString());
                break;
            case ScenarioStarted e:
                Insert(
                    "INSERT INTO scenario (scenario_id, seq, feature_uri, feature_name, rule_name, name, line, tags, started_bench) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
                    e.Scenario.ScenarioId, ++_scenarioSeq, e.Scenario.FeatureUri, e.Scenario.FeatureName, e.Scenario.RuleName, e.Scenario.Name,
                    e.Scenario.Line, JsonSerializer.Serialize(e.Scenario.Tags.ToList(), StoreJsonContext.Default.ListString), Time(e.BenchTime));
                break;
            case ScenarioFinished e:
                Insert("UPDATE scenario SET finished_bench=$1, verdict=$2, message=$3 WHERE scenario_id=$4", Time(e.BenchTime), e.Verdict.ToString(), e.Message, e.ScenarioId);
                break;
            case StepFinished e:
                Insert(
                    "INSERT OR REPLACE INTO step (scenario_id, step_index, keyword, text, line, outcome, duration_s, message, finished_bench) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
                    e.ScenarioId, e.StepIndex, e.Keyword, e.Text, e.Line, e.Outcome.ToString(), e.Duration.TotalSeconds, e.Message, Time(e.BenchTime));
                break;
            case MeasurementRecorded e:
                Insert(
                    "INSERT INTO measurement (scenario_id, step_index, name, value, unit, value_si, limit_json, verdict, bench_time, role, instrument, conditions) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
                    e.ScenarioId, e.StepIndex, e.Name, e.Value.Value, e.Value.Unit.Symbol, e.Value.SiValue,
                    e.Limit is null ? null : JsonSerializer.Serialize(StoredLimit.From(e.Limit), StoreJsonContext.Default.StoredLimit),
                    e.Verdict.ToString(), Time(e.BenchTime), e.Role, e.Instrument,
                    JsonSerializer.Serialize(
                        e.Conditions.ToDictionary(kv => kv.Key, kv => StoredQuantity.From(kv.Value)!),
                        StoreJsonContext.Default.DictionaryStringStoredQuantity));
                break;
            case BenchEventRecorded e:
                Insert("INSERT INTO bench_event (scenario_id, bench_time, kind, role, message) VALUES ($1,$2,$3,$4,$5)", e.ScenarioId, Time(e.BenchTime), e.Kind, e.Role, e.Message);
                break;
            default:
                throw new NotSupportedException($"The result store does not know the event {resultEvent.GetType().Name}.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Fold the WAL back into the database so the run folder is one self-contained file.
        Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        _connection.Dispose();
    }

    internal static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private void Insert(string sql, params object?[] values)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", values[i] ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
