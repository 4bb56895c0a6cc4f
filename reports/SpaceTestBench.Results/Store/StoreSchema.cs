namespace SpaceTestBench.Results.Store;

/// <summary>
/// The SQLite schema of a run's result store (one file per run folder). Documented in docs/reports.md;
/// bump <see cref="Version"/> with any change and say in the reader what older versions mean.
/// </summary>
internal static class StoreSchema
{
    /// <summary>
    /// Version 3: version 2 (provenance as JSON, step starts, series and their points, typed events,
    /// attachments) plus the checkpoints of resumable runs: long-wait progress, the settings journal at
    /// each step's start, and measurements superseded by a resumed step. A version 2 store reads as a
    /// version 3 store without checkpoints. Version 4 adds each measurement's <c>decision</c> (how a verdict
    /// other than simple acceptance was decided: a counted rate's bounds, a default limit's source) and an index
    /// of series points by series, so one scenario's results are read back at its end (the live verdict). A
    /// version 2 or 3 store reads as a version 4 store whose measurements were all judged by simple acceptance.
    /// A version 4 store also keeps the series (and points) a resumed step superseded, beside the measurements it
    /// superseded; added without a bump because no reader reads them and a store opened for resume gains the tables
    /// (an older version 4 store lacks only the series of attempts superseded before they existed).
    /// </summary>
    public const int Version = 4;

    /// <summary>The oldest version the reader reads.</summary>
    public const int OldestReadable = 2;

    public const string FileName = "results.sqlite";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS run (
            run_id TEXT PRIMARY KEY, bench_name TEXT NOT NULL, dut_name TEXT NOT NULL, dut_serial TEXT,
            operator TEXT NOT NULL, software_version TEXT NOT NULL, software_commit TEXT,
            started_bench TEXT NOT NULL, started_wall TEXT NOT NULL, provenance TEXT NOT NULL,
            finished_bench TEXT, finished_wall TEXT, verdict TEXT);
        CREATE TABLE IF NOT EXISTS scenario (
            scenario_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, feature_uri TEXT NOT NULL, feature_name TEXT NOT NULL,
            rule_name TEXT, name TEXT NOT NULL, line INTEGER NOT NULL, tags TEXT NOT NULL,
            started_bench TEXT NOT NULL, finished_bench TEXT, verdict TEXT, message TEXT);
        CREATE TABLE IF NOT EXISTS step (
            scenario_id TEXT NOT NULL, step_index INTEGER NOT NULL, text TEXT NOT NULL, started_bench TEXT,
            keyword TEXT, line INTEGER, outcome TEXT, duration_s REAL, message TEXT, finished_bench TEXT,
            PRIMARY KEY (scenario_id, step_index));
        CREATE TABLE IF NOT EXISTS measurement (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, scenario_id TEXT NOT NULL, step_index INTEGER NOT NULL,
            name TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, value_si REAL NOT NULL,
            limit_json TEXT, verdict TEXT NOT NULL, bench_time TEXT NOT NULL, role TEXT, instrument TEXT,
            conditions TEXT NOT NULL, decision TEXT);
        CREATE TABLE IF NOT EXISTS bench_event (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, scenario_id TEXT, step_index INTEGER, bench_time TEXT NOT NULL,
            kind TEXT NOT NULL, role TEXT, message TEXT NOT NULL, event_values TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS series (
            series_id INTEGER PRIMARY KEY, scenario_id TEXT, step_index INTEGER, name TEXT NOT NULL, kind TEXT NOT NULL,
            x_name TEXT NOT NULL, x_unit TEXT NOT NULL, y_unit TEXT NOT NULL, role TEXT, instrument TEXT,
            origin_bench TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS series_point (series_id INTEGER NOT NULL, x REAL NOT NULL, y REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS attachment (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, scenario_id TEXT, step_index INTEGER, bench_time TEXT NOT NULL,
            name TEXT NOT NULL, media_type TEXT NOT NULL, content BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS wait_checkpoint (
            scenario_id TEXT NOT NULL, step_index INTEGER NOT NULL, ordinal INTEGER NOT NULL,
            duration_s REAL NOT NULL, done_s REAL NOT NULL, bench_time TEXT NOT NULL,
            PRIMARY KEY (scenario_id, step_index, ordinal));
        CREATE TABLE IF NOT EXISTS settings_checkpoint (
            scenario_id TEXT NOT NULL, step_index INTEGER NOT NULL, journal TEXT NOT NULL, bench_time TEXT NOT NULL,
            PRIMARY KEY (scenario_id, step_index));
        CREATE TABLE IF NOT EXISTS superseded_measurement AS SELECT * FROM measurement WHERE 0;
        CREATE TABLE IF NOT EXISTS superseded_series AS SELECT * FROM series WHERE 0;
        CREATE TABLE IF NOT EXISTS superseded_series_point AS SELECT * FROM series_point WHERE 0;
        CREATE INDEX IF NOT EXISTS measurement_by_scenario ON measurement (scenario_id);
        CREATE INDEX IF NOT EXISTS series_point_by_series ON series_point (series_id);
        """;
}
