using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SpaceTestBench.Cli.Tests.Support;

/// <summary>
/// Reads a live run's result store beside its writer (WAL), as the report reads a run in progress: how a test waits
/// for a moment of a real child process's run (a scenario or step started, the run's end recorded) before cutting it.
/// </summary>
internal static class LiveStore
{
    /// <summary>
    /// The count <paramref name="sql"/> returns on the run's store, or 0 while the store or its schema does not exist yet.
    /// </summary>
    public static long Count(string runFolder, string sql, params (string Name, object Value)[] parameters)
    {
        var store = Path.Combine(runFolder, "results.sqlite");
        if (!File.Exists(store))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the store is being created, or its schema not yet written
        }
    }
}
