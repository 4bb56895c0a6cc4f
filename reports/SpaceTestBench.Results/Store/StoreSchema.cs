namespace SpaceTestBench.Results.Store;

/// <summary>The SQLite schema of a run's result store (one file per run folder).</summary>
internal static class StoreSchema
{
    public const int Version = 1;

    public const string FileName = "results.sqlite";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS run (
            run_id TEXT PRIMARY KEY, bench_name TEXT NOT NULL, bench_file TEXT NOT NULL,
            dut_name TEXT NOT NULL, dut_file TEXT NOT NULL, operator TEXT NOT NULL, software_version TEXT NOT NULL,
            started_bench TEXT NOT NULL, started_wall TEXT NOT NULL, properties TEXT NOT NULL,
            finished_bench TEXT, finished_wall TEXT, verdict TEXT);
        CREATE TABLE IF NOT EXISTS scenario (
            scenario_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, feature_uri TEXT NOT NULL, feature_name TEXT NOT NULL,
            rule_name TEXT, name TEXT NOT NULL, line INTEGER NOT NULL, tags TEXT NOT NULL,
            started_bench TEXT NOT NULL, finished_bench TEXT, verdict TEXT, message TEXT);
        CREATE TABLE IF NOT EXISTS step (
            scenario_id TEXT NOT NULL, step_index INTEGER NOT NULL, keyword TEXT NOT NULL, text TEXT NOT NULL,
            line INTEGER NOT NULL, outcome TEXT NOT NULL, duration_s REAL NOT NULL, message TEXT, finished_bench TEXT NOT NULL,
            PRIMARY KEY (scenario_id, step_index));
        CREATE TABLE IF NOT EXISTS measurement (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, scenario_id TEXT NOT NULL, step_index INTEGER NOT NULL,
            name TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, value_si REAL NOT NULL,
            limit_json TEXT, verdict TEXT NOT NULL, bench_time TEXT NOT NULL, role TEXT, instrument TEXT,
            conditions TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS bench_event (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, scenario_id TEXT, bench_time TEXT NOT NULL, kind TEXT NOT NULL,
            role TEXT, message TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS measurement_by_scenario ON measurement (scenario_id);
        """;
}
