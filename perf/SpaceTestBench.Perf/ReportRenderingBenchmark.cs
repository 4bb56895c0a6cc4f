using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using SpaceTestBench.Reports;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Perf;

/// <summary>
/// Rendering the report of a run with 1,000,000 series points and 10,000 measurements (target: under
/// 5 s and 500 MB), against the floor of just reading every row out of SQLite in the same run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReportRenderingBenchmark
{
    private string _folder = "";

    [GlobalSetup]
    public void WriteTheRun() => _folder = LargeRun.Ensure();

    /// <summary>The floor: every series point and measurement row read out of SQLite and summed, nothing built.</summary>
    [Benchmark(Baseline = true)]
    public double ReadRows()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "results.sqlite")};Pooling=False;Mode=ReadOnly");
        connection.Open();
        var sum = 0.0;
        foreach (var sql in new[] { "SELECT x, y FROM series_point", "SELECT value, value_si FROM measurement" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                sum += reader.GetDouble(0) + reader.GetDouble(1);
            }
        }

        return sum;
    }

    /// <summary>The reader API every renderer uses: the whole run into memory.</summary>
    [Benchmark]
    public int ReadStore() => ResultStoreReader.Read(_folder).Measurements.Count;

    /// <summary>Everything: read, analyse, plot (PNG and SVG), CSVs, JUnit, report.html and the SHA-256 manifest.</summary>
    [Benchmark]
    public int RenderReport() => ReportRenderer.Render(_folder).Plots.Count;
}
