using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>
/// The durable result store: a SQLite database in the run folder, written as results happen. It runs in
/// WAL mode with <c>synchronous=FULL</c>; every event except a series point is its own committed
/// transaction when <see cref="Emit"/> returns, so killing the process loses nothing already recorded.
/// Series points are committed in batches (see <see cref="StoreOptions"/> for what durable means for them).
/// </summary>
public sealed class SqliteResultStore : IResultSink, IResultReadBack, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertPoint;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly StoreOptions _options;
    private readonly Lock _gate = new();
    private readonly int[] _pendingSeries;
    private readonly double[] _pendingX;
    private readonly double[] _pendingY;
    private readonly HashSet<string> _readableUnits = new(StringComparer.Ordinal);
    private readonly ITimer _flushTimer;
    private int _pendingCount;
    private long _oldestPendingTimestamp;
    private int _scenarioSeq;
    private Exception? _flushFailure;
    private bool _disposed;

    private SqliteResultStore(SqliteConnection connection, string path, StoreOptions options)
    {
        _connection = connection;
        _options = options;
        Path = path;
        _pendingSeries = new int[options.MaxPendingPoints];
        _pendingX = new double[options.MaxPendingPoints];
        _pendingY = new double[options.MaxPendingPoints];
        _insertPoint = connection.CreateCommand();
        _insertPoint.CommandText = "INSERT INTO series_point (series_id, x, y) VALUES ($s, $x, $y)";
        _insertPoint.Parameters.Add("$s", SqliteType.Integer);
        _insertPoint.Parameters.Add("$x", SqliteType.Real);
        _insertPoint.Parameters.Add("$y", SqliteType.Real);
        _flushTimer = options.WallClock.CreateTimer(_ => FlushFromTimer(), null, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The store file name inside a run folder.</summary>
    public static string FileName => StoreSchema.FileName;

    /// <summary>Series points appended but not yet committed.</summary>
    public int PendingPoints
    {
        get
        {
            lock (_gate)
            {
                return _pendingCount;
            }
        }
    }

    /// <summary>Creates the store in <paramref name="runFolder"/> (or reopens it to append).</summary>
    public static SqliteResultStore Create(string runFolder, StoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        options ??= new StoreOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPendingPoints);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.FlushInterval, TimeSpan.Zero);
        Directory.CreateDirectory(runFolder);
        var path = System.IO.Path.Combine(runFolder, StoreSchema.FileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        var existing = ReadSchemaVersion(connection);
        if (existing is { } version && version != StoreSchema.Version)
        {
            connection.Dispose();
            throw new InvalidDataException($"{path} is a result store of schema version {version}; this SpaceTestBench writes version {StoreSchema.Version}. Use a new run folder.");
        }

        Execute(connection, StoreSchema.Create);
        Execute(connection, $"INSERT OR REPLACE INTO store_info (key, value) VALUES ('schema_version', '{StoreSchema.Version}');");
        var store = new SqliteResultStore(connection, path, options);
        // Reopened to append (a resumed run): scenario order continues after what is there.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM scenario";
            store._scenarioSeq = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        return store;
    }

    /// <inheritdoc />
    public void Emit(ResultEvent resultEvent)
    {
        ArgumentNullException.ThrowIfNull(resultEvent);
        lock (_gate)
        {
            ThrowIfFailedOrDisposed();
            if (resultEvent is SeriesPointRecorded point)
            {
                Buffer(point);
                return;
            }

            // Points recorded before this event are committed before it: the store never holds an event
            // without the points that preceded it.
            FlushPending();
            Write(resultEvent);
        }
    }

    /// <inheritdoc />
    public RunResults ReadScenario(string scenarioId)
    {
        ArgumentNullException.ThrowIfNull(scenarioId);
        lock (_gate)
        {
            ThrowIfFailedOrDisposed();
            FlushPending();
            return ResultStoreReader.Read(_connection, Path, scenarioId);
        }
    }

    /// <summary>Commits every pending series point now.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            ThrowIfFailedOrDisposed();
            FlushPending();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _flushTimer.Dispose();
            try
            {
                if (_flushFailure is null)
                {
                    FlushPending();
                }

                // Fold the WAL back into the database so the run folder holds one self-contained file.
                Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            finally
            {
                _insertPoint.Dispose();
                foreach (var statement in _statements.Values)
                {
                    statement.Dispose();
                }

                _connection.Dispose();
            }
        }
    }

    internal static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private void Buffer(SeriesPointRecorded point)
    {
        if (_pendingCount == 0)
        {
            _oldestPendingTimestamp = _options.WallClock.GetTimestamp();
        }

        _pendingSeries[_pendingCount] = point.SeriesId;
        _pendingX[_pendingCount] = point.X;
        _pendingY[_pendingCount] = point.Y;
        _pendingCount++;
        if (_pendingCount == _pendingSeries.Length || _options.WallClock.GetElapsedTime(_oldestPendingTimestamp) >= _options.FlushInterval)
        {
            FlushPending();
        }
    }

    private void FlushFromTimer()
    {
        lock (_gate)
        {
            if (_disposed || _flushFailure is not null || _pendingCount == 0)
            {
                return;
            }

            try
            {
                FlushPending();
            }
            catch (SqliteException e)
            {
                // A timer thread has no caller to tell; the next Emit or Flush reports it.
                _flushFailure = e;
            }
        }
    }

    private void FlushPending()
    {
        if (_pendingCount == 0)
        {
            return;
        }

        using (var transaction = _connection.BeginTransaction())
        {
            _insertPoint.Transaction = transaction;
            for (var i = 0; i < _pendingCount; i++)
            {
                _insertPoint.Parameters[0].Value = _pendingSeries[i];
                _insertPoint.Parameters[1].Value = _pendingX[i];
                _insertPoint.Parameters[2].Value = _pendingY[i];
                _insertPoint.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        _insertPoint.Transaction = null;
        _pendingCount = 0;
    }

    private void ThrowIfFailedOrDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_flushFailure is { } failure)
        {
            throw new IOException($"Series points could not be committed to {Path}: {failure.Message}", failure);
        }
    }

    private void Write(ResultEvent resultEvent)
    {
        switch (resultEvent)
        {
            case RunStarted e:
                Insert(
                    "INSERT OR REPLACE INTO run (run_id, bench_name, dut_name, dut_serial, operator, software_version, software_commit, started_bench, started_wall, provenance) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
                    e.Run.RunId, e.Run.Bench.Name, e.Run.Dut.Name, e.Run.Dut.SerialNumber, e.Run.Operator, e.Run.Software.Version, e.Run.Software.Commit,
                    Time(e.BenchTime), Time(e.Run.StartedWall), JsonSerializer.Serialize(e.Run, StoreJsonContext.Default.RunInfo));
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
            case StepStarted e:
                Insert(
                    "INSERT OR REPLACE INTO step (scenario_id, step_index, text, started_bench) VALUES ($1,$2,$3,$4)",
                    e.ScenarioId, e.StepIndex, e.Text, Time(e.BenchTime));
                break;
            case StepFinished e:
                Insert(
                    "INSERT INTO step (scenario_id, step_index, text, keyword, line, outcome, duration_s, message, finished_bench) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) " +
                    "ON CONFLICT (scenario_id, step_index) DO UPDATE SET text=excluded.text, keyword=excluded.keyword, line=excluded.line, outcome=excluded.outcome, duration_s=excluded.duration_s, message=excluded.message, finished_bench=excluded.finished_bench",
                    e.ScenarioId, e.StepIndex, e.Text, e.Keyword, e.Line, e.Outcome.ToString(), e.Duration.TotalSeconds, e.Message, Time(e.BenchTime));
                break;
            case MeasurementRecorded e:
                RequireReadable(e.Value.Unit);
                Insert(
                    "INSERT INTO measurement (scenario_id, step_index, name, value, unit, value_si, limit_json, verdict, bench_time, role, instrument, conditions, decision) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
                    e.ScenarioId, e.StepIndex, e.Name, e.Value.Value, e.Value.Unit.Symbol, e.Value.SiValue,
                    e.Limit is null ? null : JsonSerializer.Serialize(StoredLimit.From(e.Limit), StoreJsonContext.Default.StoredLimit),
                    e.Verdict.ToString(), Time(e.BenchTime), e.Role, e.Instrument, Quantities(e.Conditions), e.Decision);
                break;
            case BenchEventRecorded e:
                Insert(
                    "INSERT INTO bench_event (scenario_id, step_index, bench_time, kind, role, message, event_values) VALUES ($1,$2,$3,$4,$5,$6,$7)",
                    e.ScenarioId, e.StepIndex, Time(e.BenchTime), e.Kind.ToString(), e.Role, e.Message, Quantities(e.Values));
                break;
            case SeriesStarted e:
                RequireReadable(e.Series.XUnit);
                RequireReadable(e.Series.YUnit);
                Insert(
                    "INSERT INTO series (series_id, scenario_id, step_index, name, kind, x_name, x_unit, y_unit, role, instrument, origin_bench) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
                    e.Series.SeriesId, e.Series.ScenarioId, e.Series.StepIndex, e.Series.Name, e.Series.Kind.ToString(), e.Series.XName,
                    e.Series.XUnit.Symbol, e.Series.YUnit.Symbol, e.Series.Role, e.Series.Instrument, Time(e.Series.Origin));
                break;
            case WaitCheckpoint e:
                Insert(
                    "INSERT OR REPLACE INTO wait_checkpoint (scenario_id, step_index, ordinal, duration_s, done_s, bench_time) VALUES ($1,$2,$3,$4,$5,$6)",
                    e.ScenarioId, e.StepIndex, e.Ordinal, e.Duration.TotalSeconds, e.Done.TotalSeconds, Time(e.BenchTime));
                break;
            case SettingsCheckpoint e:
                Insert(
                    "INSERT OR REPLACE INTO settings_checkpoint (scenario_id, step_index, journal, bench_time) VALUES ($1,$2,$3,$4)",
                    e.ScenarioId, e.StepIndex, e.Journal, Time(e.BenchTime));
                break;
            case StepResumed e:
                Supersede(e);
                break;
            case AttachmentRecorded e:
                Insert(
                    "INSERT INTO attachment (scenario_id, step_index, bench_time, name, media_type, content) VALUES ($1,$2,$3,$4,$5,$6)",
                    e.ScenarioId, e.StepIndex, Time(e.BenchTime), e.Name, e.MediaType, e.Content.ToArray());
                break;
            default:
                throw new NotSupportedException($"The result store does not know the event {resultEvent.GetType().Name}.");
        }
    }

    // One transaction: the measurements and series move, they are never in both tables nor in neither. The series go too:
    // the step run again records its traces afresh, and an analysis that took the interrupted attempt's partial trace (a
    // thermal profile cut mid-plateau) would judge a plateau the step never finished. A step that continues inside itself
    // keeps what it recorded before its checkpoint ($3; bench times are ISO 8601 round-trip text in UTC, so they order as
    // text): rows the step does not record again.
    private void Supersede(StepResumed e)
    {
        using var transaction = _connection.BeginTransaction();
        const string Rows = "scenario_id=$1 AND step_index=$2 AND ($3 IS NULL OR bench_time >= $3)";
        const string StepSeries = "SELECT series_id FROM series WHERE scenario_id=$1 AND step_index=$2 AND ($3 IS NULL OR origin_bench >= $3)";
        foreach (var sql in new[]
        {
            $"INSERT INTO superseded_measurement SELECT * FROM measurement WHERE {Rows}",
            $"DELETE FROM measurement WHERE {Rows}",
            $"INSERT INTO superseded_series_point SELECT * FROM series_point WHERE series_id IN ({StepSeries})",
            $"DELETE FROM series_point WHERE series_id IN ({StepSeries})",
            $"INSERT INTO superseded_series SELECT * FROM series WHERE series_id IN ({StepSeries})",
            $"DELETE FROM series WHERE series_id IN ({StepSeries})",
            "UPDATE step SET outcome=NULL, finished_bench=NULL, message=NULL WHERE scenario_id=$1 AND step_index=$2",
        })
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$1", e.ScenarioId);
            command.Parameters.AddWithValue("$2", e.StepIndex);
            command.Parameters.AddWithValue("$3", e.KeptBefore is { } kept ? Time(kept) : DBNull.Value);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private string Quantities(IReadOnlyDictionary<string, Quantity> quantities)
    {
        foreach (var quantity in quantities.Values)
        {
            RequireReadable(quantity.Unit);
        }

        return JsonSerializer.Serialize(
            quantities.ToDictionary(kv => kv.Key, kv => StoredQuantity.From(kv.Value)!, StringComparer.Ordinal),
            StoreJsonContext.Default.DictionaryStringStoredQuantity);
    }

    // Units are stored by symbol and parsed back; a unit built in code whose symbol does not parse to the
    // same dimension would make the store unreadable, so it is refused when recorded.
    private void RequireReadable(Unit unit)
    {
        if (_readableUnits.Contains(unit.Symbol))
        {
            return;
        }

        if (!Units.TryParse(unit.Symbol, out var parsed, out _) || parsed.Dimension != unit.Dimension)
        {
            throw new ArgumentException($"The unit '{unit.Symbol}' ({unit.Dimension}) cannot be stored: its symbol does not parse back to a {unit.Dimension}. Use a unit from Units or Units.Parse.", nameof(unit));
        }

        _readableUnits.Add(unit.Symbol);
    }

    private void Insert(string sql, params object?[] values)
    {
        // One command per statement text, kept for the store's life: a new command prepared its SQL again for every event
        // (tens of thousands in the main job); a kept one binds the new values to the statement SQLite already compiled.
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _statements.Add(sql, command);
        }

        command.Parameters.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", values[i] ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private static int? ReadSchemaVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM store_info WHERE key = 'schema_version'";
        try
        {
            return command.ExecuteScalar() is string text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
        }
        catch (SqliteException)
        {
            return null; // a new, empty database has no store_info table yet
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
