using System.Globalization;
using Microsoft.Data.Sqlite;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Progress;

/// <summary>
/// The latest progress picture, kept in the run's own store (<c>results.sqlite</c>, table <c>progress</c>) so
/// that <c>spacebench status</c> in another terminal, on another machine or after a crash shows what the
/// campaign's terminal showed. One row, replaced at most once a second of wall-clock time (and every few
/// seconds as a heartbeat while nothing changes), from a background task on its own connection: the
/// campaign never waits for it, and the results it records never wait behind it for longer than one small
/// transaction.
/// </summary>
public sealed class ProgressStore : IProgressSink, IAsyncDisposable
{
    /// <summary>How often the picture is written at most.</summary>
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often it is written while nothing changes, so a reader can tell a live writer from a dead one.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    private const string Table = "CREATE TABLE IF NOT EXISTS progress (key TEXT PRIMARY KEY, value TEXT NOT NULL, wall TEXT NOT NULL)";
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _wallClock;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _writer;
    private ProgressSnapshot _latest = ProgressSnapshot.Empty;
    private long _version;

    private ProgressStore(SqliteConnection connection, TimeProvider wallClock)
    {
        _connection = connection;
        _wallClock = wallClock;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Opens the store of <paramref name="runFolder"/> (created by the results store) for progress.</summary>
    public static ProgressStore Open(string runFolder, TimeProvider wallClock)
    {
        ArgumentNullException.ThrowIfNull(wallClock);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ResultStoreReader.StorePath(runFolder), Pooling = false }.ToString());
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            // The results store's own writes come first: wait for them rather than fail.
            command.CommandText = $"PRAGMA busy_timeout=10000; {Table}; INSERT OR REPLACE INTO progress (key, value, wall) VALUES ('writer', $writer, $wall);";
            command.Parameters.AddWithValue("$writer", $"{Environment.MachineName}\n{Environment.ProcessId}");
            command.Parameters.AddWithValue("$wall", wallClock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }

        return new ProgressStore(connection, wallClock);
    }

    /// <inheritdoc />
    public void Publish(ProgressEvent progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        lock (_gate)
        {
            _latest = _latest.With(progress);
            _version++;
        }
    }

    /// <summary>
    /// The latest picture in <paramref name="runFolder"/>'s store and the wall-clock time it was written, read
    /// through a read-only connection that takes no lock the writer waits on (WAL readers never block the
    /// writer); null when the run recorded no progress (a run by an older SpaceTestBench).
    /// </summary>
    public static (ProgressSnapshot Snapshot, DateTimeOffset Written)? Read(string runFolder) => ReadWithWriter(runFolder) is { } read ? (read.Snapshot, read.Written) : null;

    /// <summary>
    /// As <see cref="Read"/>, with the machine and process id of the writer, so a reader on the same machine can
    /// tell at once that a writer is gone (killed, crashed) instead of waiting for its heartbeat to go stale.
    /// </summary>
    public static (ProgressSnapshot Snapshot, DateTimeOffset Written, string? WriterHost, int? WriterProcess)? ReadWithWriter(string runFolder)
    {
        var path = ResultStoreReader.StorePath(runFolder);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No result store at {path}.", path);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value, wall FROM progress WHERE key IN ('snapshot', 'writer')";
        try
        {
            using var reader = command.ExecuteReader();
            (ProgressSnapshot Snapshot, DateTimeOffset Written)? found = null;
            string? host = null;
            int? process = null;
            while (reader.Read())
            {
                if (reader.GetString(0) == "writer")
                {
                    var parts = reader.GetString(1).Split('\n');
                    host = parts[0];
                    process = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
                    continue;
                }

                var snapshot = ProgressSnapshotJson.Deserialize(reader.GetString(1), path);
                found = (snapshot, DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture));
            }

            return found is { } f ? (f.Snapshot, f.Written, host, process) : null;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>Writes the last picture and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        if (_version > 0)
        {
            Write();
        }

        _connection.Dispose();
        _stop.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        long written = -1;
        var lastWrite = DateTimeOffset.MinValue;
        while (!_stop.IsCancellationRequested)
        {
            long version;
            lock (_gate)
            {
                version = _version;
            }

            // Nothing is written before the first event: an empty picture would say the campaign has no scenario.
            if (version > 0 && (version != written || _wallClock.GetUtcNow() - lastWrite >= HeartbeatInterval))
            {
                try
                {
                    Write();
                    written = version;
                    lastWrite = _wallClock.GetUtcNow();
                }
                catch (SqliteException)
                {
                    // Busy beyond the timeout: the next round writes the newer picture.
                }
            }

            await Task.Delay(WriteInterval, _wallClock, _stop.Token);
        }
    }

    private void Write()
    {
        ProgressSnapshot snapshot;
        lock (_gate)
        {
            snapshot = _latest;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO progress (key, value, wall) VALUES ('snapshot', $value, $wall)";
        command.Parameters.AddWithValue("$value", ProgressSnapshotJson.Serialize(snapshot));
        command.Parameters.AddWithValue("$wall", _wallClock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }
}
