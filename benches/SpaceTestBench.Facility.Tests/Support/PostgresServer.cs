using Npgsql;

namespace SpaceTestBench.Facility.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server for the tests: initdb into a temporary folder, served on a free
/// loopback port, trust authentication on loopback only, removed afterwards. PostgreSQL refuses to run
/// as root, so when the tests run as root (CI does) the server runs as the unprivileged "postgres" user
/// the Debian package creates, through runuser.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    public const string Superuser = "spacebench_admin";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly string folder;
    private readonly string binaries;
    private int databases;

    private PostgresServer(string folder, string binaries, int port)
    {
        this.folder = folder;
        this.binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Why the server cannot be started here (with what to install), or null when it can.</summary>
    public static string? Unavailable() =>
        FindBinaries() is null ? "PostgreSQL is not installed: apt-get install postgresql (the tests start their own server; no service is needed)." : null;

    public static async Task<PostgresServer> StartAsync()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(Unavailable());
        var folder = Directory.CreateTempSubdirectory("spacebench-facility-pg-").FullName;
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            await ExternalProcess.RunAsync("chown", [runAs, folder], TimeSpan.FromSeconds(30));
        }

        var port = ExternalProcess.FreeLoopbackPort();
        var server = new PostgresServer(folder, binaries, port);
        await AsServerUser(Path.Combine(binaries, "initdb"),
            ["-D", Path.Combine(folder, "data"), "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], StartTimeout);
        await AsServerUser(Path.Combine(binaries, "pg_ctl"),
            ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "-t", "120", "start",
             "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"],
            StartTimeout);
        return server;
    }

    /// <summary>A fresh database; returns the superuser's connection string to it (the schema owner in the tests).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"facility_{Interlocked.Increment(ref databases)}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres", Superuser)))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name, Superuser);
    }

    public string ConnectionString(string database, string user) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={user};Pooling=true;Maximum Pool Size=40;Timeout=60;Command Timeout=120";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await AsServerUser(Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], TimeSpan.FromMinutes(1));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<string> AsServerUser(string program, string[] arguments, TimeSpan timeout) =>
        Environment.UserName == "root"
            ? ExternalProcess.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], timeout)
            : ExternalProcess.RunAsync(program, arguments, timeout);

    private static string? FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            foreach (var version in Directory.GetDirectories(root).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            {
                if (File.Exists(Path.Combine(version, "bin", "initdb")) && File.Exists(Path.Combine(version, "bin", "pg_ctl")))
                {
                    return Path.Combine(version, "bin");
                }
            }
        }

        var initdb = ExternalProcess.FindProgram("initdb");
        return initdb is not null && File.Exists(Path.Combine(Path.GetDirectoryName(initdb)!, "pg_ctl")) ? Path.GetDirectoryName(initdb) : null;
    }
}
