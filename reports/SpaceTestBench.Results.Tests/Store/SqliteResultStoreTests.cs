using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Results.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Results.Tests.Store;

public class SqliteResultStoreTests
{
    private FakeTimeProvider _bench = null!;
    private string _folder = null!;

    [SetUp]
    public void NewFolderAndClock()
    {
        _folder = TestRepository.ScratchFolder("results");
        _bench = new FakeTimeProvider(TestRuns.Start);
    }

    private static Quantity Q(string text) => Quantity.Parse(text);

    [Test]
    public void Everything_recorded_reads_back_as_it_was_recorded()
    {
        using (var store = SqliteResultStore.Create(_folder))
        {
            var recorder = new ResultRecorder(_bench, store);
            recorder.StartRun(TestRuns.Info());
            var scenario = recorder.StartScenario("power/power-on.feature", "Power-on", "Margins", "Supply current at 95 %", 20, ["@power", "@ECSS-E-ST-20C"]);
            scenario.StepStarted(0, "the DUT supply is set to 95 % of the nominal voltage");
            scenario.StepFinished(0, "When", "the DUT supply is set to 95 % of the nominal voltage", 12, StepOutcome.Passed, TimeSpan.FromMilliseconds(3), null);
            scenario.StepStarted(1, "the DUT supply voltage is within 1 % of the setting");
            _bench.Advance(TimeSpan.FromSeconds(1));
            scenario.Measure("DUT supply voltage", Q("1.712 V"), Limit.Within(Q("1.71 V"), Q("17.1 mV")), "DUT supply", "E36312A MY1",
                new Dictionary<string, Quantity> { ["DUT supply voltage setting"] = Q("1.71 V") });
            scenario.RecordEvent(BenchEventKind.SingleEventLatchup, "DUT supply", "Latch-up at 850 mA", new Dictionary<string, Quantity> { ["latch-up current"] = Q("850 mA") });
            scenario.Attach("console.log", "text/plain", "boot ok\n"u8.ToArray());
            var trace = scenario.StartTimeSeries(WellKnownSeries.DutTemperature, Units.DegreeCelsius, "thermal chamber", "F4T");
            _bench.Advance(TimeSpan.FromSeconds(2));
            trace.Append(Q("25.5 °C"));
            var sweep = scenario.StartSweep("bit error ratio", Units.One, WellKnownConditions.ReceivedOpticalPower, Units.DecibelMilliwatt);
            sweep.Append(Q("-31 dBm"), new Quantity(1e-8, Units.One));
            scenario.StepFinished(1, "Then", "the DUT supply voltage is within 1 % of the setting", 15, StepOutcome.Passed, TimeSpan.FromMilliseconds(8), null);
            scenario.Finish(Verdict.Pass, null);
            recorder.FinishRun(TestRuns.Start.AddHours(1), Verdict.Pass);
        }

        var results = ResultStoreReader.Read(_folder);

        Assert.Multiple(() =>
        {
            Assert.That(results.SchemaVersion, Is.EqualTo(ResultStoreReader.SchemaVersion));
            var info = results.Run.Info;
            var instrument = info.Bench.Instruments.Single();
            Assert.That((info.RunId, info.Operator, info.Software.Commit, info.Dut.SerialNumber, info.Dut.ProfileText), Is.EqualTo(("test-run", "qa.engineer", (string?)"abc123", (string?)"RH1-0042", (string?)"{ \"id\": \"rh-soc-1\" }")));
            Assert.That((instrument.Identity, instrument.CalibrationDue, instrument.Roles.Single()), Is.EqualTo(("Keysight Technologies E36312A (serial MY1)", (DateOnly?)new DateOnly(2027, 6, 30), "DUT supply")));
            Assert.That(info.Dut.Characteristics, Is.EqualTo(TestRuns.Info().Dut.Characteristics));
            Assert.That(info.Properties["Host"], Is.EqualTo("test"));
            Assert.That(results.Run.StartedBench, Is.EqualTo(TestRuns.Start));
            Assert.That(results.Run.FinishedWall, Is.EqualTo(TestRuns.Start.AddHours(1)));
            Assert.That(results.Run.Completed, Is.True);
            Assert.That(VerdictPolicy.Judge(results).Verdict, Is.EqualTo(Verdict.Pass));
            var scenario = results.Scenarios.Single();
            Assert.That(scenario.Info.RuleName, Is.EqualTo("Margins"));
            Assert.That(scenario.Info.Tags, Is.EqualTo(new[] { "@power", "@ECSS-E-ST-20C" }));
            Assert.That(scenario.Steps.Select(s => (s.Index, s.Keyword, s.Outcome)), Is.EqualTo(new[] { (0, (string?)"When", (StepOutcome?)StepOutcome.Passed), (1, "Then", StepOutcome.Passed) }));
            var m = scenario.Measurements.Single();
            Assert.That((m.Name, m.Value, m.Verdict, m.Role, m.Instrument, m.StepIndex), Is.EqualTo(("DUT supply voltage", Q("1.712 V"), Verdict.Pass, (string?)"DUT supply", (string?)"E36312A MY1", 1)));
            Assert.That(m.Limit!.ToString(), Is.EqualTo("x = 1.71 V ± 17.1 mV"));
            Assert.That(m.Conditions["DUT supply voltage setting"], Is.EqualTo(Q("1.71 V")));
            Assert.That(m.BenchTime, Is.EqualTo(TestRuns.Start.AddSeconds(1)));
            var e = results.Events.Single();
            Assert.That((e.Kind, e.StepIndex, e.Values["latch-up current"]), Is.EqualTo((BenchEventKind.SingleEventLatchup, (int?)1, Q("850 mA"))));
            Assert.That(results.Attachments.Single().Content.ToArray(), Is.EqualTo("boot ok\n"u8.ToArray()));
            var series = results.Series;
            Assert.That(series[0].Info.Name, Is.EqualTo(WellKnownSeries.DutTemperature));
            Assert.That(series[0].Info.YUnit, Is.EqualTo(Units.DegreeCelsius));
            Assert.That((series[0].X.Span[0], series[0].Y.Span[0]), Is.EqualTo((2.0, 25.5)));
            Assert.That(series[0].BenchTimeAt(0), Is.EqualTo(TestRuns.Start.AddSeconds(3)));
            Assert.That(series[1].Info.XUnit, Is.EqualTo(Units.DecibelMilliwatt));
            Assert.That(results.Clauses.Single().Clause.Id, Is.EqualTo("ECSS-E-ST-20C"));
            Assert.That(VerdictPolicy.Judge(results).VerdictOf(results.Features.Single()), Is.EqualTo(Verdict.Pass));
        });
    }

    [Test]
    public void Each_event_is_committed_when_it_is_recorded_not_when_the_store_closes()
    {
        using var store = SqliteResultStore.Create(_folder);
        var recorder = new ResultRecorder(_bench, store);
        recorder.StartRun(TestRuns.Info());
        var scenario = recorder.StartScenario("f", "F", null, "S", 1, []);
        scenario.StepStarted(0, "the DUT supply current is within the DUT profile limits");
        scenario.Measure("DUT supply current", Q("500 mA"), Limit.AtMost(Q("450 mA")));

        // Read from another connection while the writer is still open, as after a crash.
        var results = ResultStoreReader.Read(_folder);

        Assert.That(results.Measurements.Single().Verdict, Is.EqualTo(Verdict.Fail));
        var judgement = VerdictPolicy.Judge(results);
        Assert.That(judgement.VerdictOf(results.Scenarios.Single()), Is.EqualTo(Verdict.Aborted), "a scenario that never finished");
        Assert.That(VerdictPolicy.VerdictOf(results.Scenarios.Single(), results.Scenarios.Single().Steps.Single()), Is.EqualTo(Verdict.Aborted), "a step that never finished");
        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Aborted));
        Assert.That(results.Run.Completed, Is.False);
    }

    [Test]
    public void Series_points_wait_until_a_batch_is_full()
    {
        using var store = SqliteResultStore.Create(_folder, new StoreOptions { MaxPendingPoints = 10, FlushInterval = TimeSpan.FromHours(1), WallClock = new FakeTimeProvider() });
        var trace = Start(store).StartTimeSeries("DUT supply current", Units.Milliampere);
        for (var i = 0; i < 9; i++)
        {
            trace.Append(new Quantity(i, Units.Milliampere));
        }

        Assert.That(ResultStoreReader.Read(_folder).Series.Single().Count, Is.Zero);
        Assert.That(store.PendingPoints, Is.EqualTo(9));

        trace.Append(new Quantity(9, Units.Milliampere));

        Assert.That(ResultStoreReader.Read(_folder).Series.Single().Count, Is.EqualTo(10));
        Assert.That(store.PendingPoints, Is.Zero);
    }

    [Test]
    public void Series_points_are_committed_before_any_later_event()
    {
        using var store = SqliteResultStore.Create(_folder, new StoreOptions { FlushInterval = TimeSpan.FromHours(1), WallClock = new FakeTimeProvider() });
        var scenario = Start(store);
        var trace = scenario.StartTimeSeries("DUT supply current", Units.Milliampere);
        trace.Append(Q("1 mA"));
        trace.Append(Q("2 mA"));

        scenario.RecordEvent(BenchEventKind.SingleEventLatchup, "DUT supply", "Latch-up");

        Assert.That(ResultStoreReader.Read(_folder).Series.Single().Y.ToArray(), Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [Test]
    public void Series_points_are_committed_within_the_flush_interval_of_wall_clock_time()
    {
        var wall = new FakeTimeProvider();
        using var store = SqliteResultStore.Create(_folder, new StoreOptions { FlushInterval = TimeSpan.FromSeconds(1), WallClock = wall });
        var trace = Start(store).StartTimeSeries("DUT supply current", Units.Milliampere);
        trace.Append(Q("1 mA"));
        wall.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(ResultStoreReader.Read(_folder).Series.Single().Count, Is.Zero);

        wall.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That(ResultStoreReader.Read(_folder).Series.Single().Count, Is.EqualTo(1));
    }

    [Test]
    public void Many_points_of_interleaved_series_read_back_in_order()
    {
        const int points = 200_000;
        using (var store = SqliteResultStore.Create(_folder))
        {
            var scenario = Start(store);
            var a = scenario.StartTimeSeries("a", Units.Volt);
            var b = scenario.StartSweep("b", Units.Volt, "x", Units.Volt);
            for (var i = 0; i < points; i++)
            {
                a.AppendAt(TestRuns.Start.AddMilliseconds(i), new Quantity(i, Units.Volt));
                if (i % 2 == 0)
                {
                    b.Append(new Quantity(i, Units.Volt), new Quantity(-i, Units.Volt));
                }
            }
        }

        var series = ResultStoreReader.Read(_folder).Series;

        Assert.That(series[0].Y.ToArray(), Is.EqualTo(Enumerable.Range(0, points).Select(i => (double)i)));
        Assert.That(series[0].X.Span[^1], Is.EqualTo((points - 1) / 1000.0).Within(1e-9));
        Assert.That(series[1].Count, Is.EqualTo(points / 2));
        Assert.That(series[1].Y.Span[^1], Is.EqualTo(-(points - 2)));
    }

    [Test]
    public void Closing_the_store_folds_the_write_ahead_log_into_the_database()
    {
        using (var store = SqliteResultStore.Create(_folder))
        {
            Start(store).Measure("I", Q("1 mA"));
        }

        var wal = Path.Combine(_folder, "results.sqlite-wal");
        Assert.That(!File.Exists(wal) || new FileInfo(wal).Length == 0, Is.True);
    }

    [Test]
    public void A_unit_whose_symbol_does_not_parse_back_is_refused_when_recorded()
    {
        using var store = SqliteResultStore.Create(_folder);
        var scenario = Start(store);

        var error = Assert.Throws<ArgumentException>(() => scenario.Measure("length", new Quantity(3, Unit.Linear("furlong", Dimension.LengthDim, 201.168))));
        Assert.That(error!.Message, Does.Contain("'furlong'"));
    }

    [Test]
    public void Recording_into_a_closed_store_is_an_error()
    {
        var store = SqliteResultStore.Create(_folder);
        var scenario = Start(store);
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => scenario.Measure("I", Q("1 mA")));
    }

    [Test]
    public void A_store_of_another_schema_version_is_refused_with_the_versions()
    {
        using (var store = SqliteResultStore.Create(_folder))
        {
            Start(store);
        }

        Execute("UPDATE store_info SET value = '1' WHERE key = 'schema_version'");

        var read = Assert.Throws<InvalidDataException>(() => ResultStoreReader.Read(_folder));
        Assert.That(read!.Message, Does.Contain("schema version 1").And.Contain($"reads version {ResultStoreReader.SchemaVersion}"));
        Assert.Throws<InvalidDataException>(() => SqliteResultStore.Create(_folder).Dispose());
    }

    [Test]
    public void A_folder_without_a_store_or_with_another_database_is_refused()
    {
        Assert.Throws<FileNotFoundException>(() => ResultStoreReader.Read(_folder));

        Execute("CREATE TABLE other (x INTEGER)");
        var error = Assert.Throws<InvalidDataException>(() => ResultStoreReader.Read(_folder));
        Assert.That(error!.Message, Does.Contain("not a SpaceTestBench result store"));
    }

    [Test]
    public void A_store_killed_before_the_run_started_says_so()
    {
        SqliteResultStore.Create(_folder).Dispose();

        var error = Assert.Throws<InvalidDataException>(() => ResultStoreReader.Read(_folder));
        Assert.That(error!.Message, Does.Contain("no run record"));
    }

    [Test]
    public void A_resumed_step_supersedes_the_series_its_interrupted_attempt_recorded_and_keeps_them_aside()
    {
        using var store = SqliteResultStore.Create(_folder);
        var scenario = Start(store);
        scenario.StepStarted(0, "the chamber cycles");
        var interrupted = scenario.StartTimeSeries(WellKnownSeries.ChamberSetpoint, Units.DegreeCelsius);
        interrupted.Append(Q("125 °C"));
        interrupted.Append(Q("-55 °C"));

        store.Emit(new StepResumed(_bench.GetUtcNow(), scenario.Scenario.ScenarioId, 0));
        var again = scenario.StartTimeSeries(WellKnownSeries.ChamberSetpoint, Units.DegreeCelsius);
        again.Append(Q("125 °C"));
        store.Flush();

        var series = ResultStoreReader.Read(_folder).Series;
        Assert.That(series.Select(s => (s.Info.SeriesId, s.Count)), Is.EqualTo(new[] { (again.Info.SeriesId, 1) }), "only the attempt that ran to the end counts");
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "results.sqlite")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM superseded_series), (SELECT COUNT(*) FROM superseded_series_point)";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.That((reader.GetInt32(0), reader.GetInt32(1)), Is.EqualTo((1, 2)), "kept aside, never counted");
    }

    [Test]
    public void A_step_continued_inside_itself_keeps_the_measurements_recorded_before_its_checkpoint()
    {
        using var store = SqliteResultStore.Create(_folder);
        var scenario = Start(store);
        scenario.StepStarted(0, "the DUT is irradiated in steps");
        scenario.Measure("first dose step", Q("1 mA"));
        _bench.Advance(TimeSpan.FromHours(4));
        var checkpoint = _bench.GetUtcNow();
        scenario.Measure("at the checkpoint", Q("2 mA"));
        _bench.Advance(TimeSpan.FromHours(4));
        scenario.Measure("after the checkpoint", Q("3 mA"));

        store.Emit(new StepResumed(_bench.GetUtcNow(), scenario.Scenario.ScenarioId, 0, KeptBefore: checkpoint));
        scenario.Measure("again", Q("4 mA"));

        var kept = ResultStoreReader.Read(_folder).Scenarios.Single().Measurements.Select(m => m.Name);
        Assert.That(kept, Is.EqualTo(new[] { "first dose step", "again" }), "strictly before the checkpoint stays; at and after it is done again");
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "results.sqlite")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM superseded_measurement";
        Assert.That(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(2), "kept aside, never counted");
    }

    private ScenarioRecorder Start(SqliteResultStore store)
    {
        var recorder = new ResultRecorder(_bench, store);
        recorder.StartRun(TestRuns.Info());
        return recorder.StartScenario("f", "F", null, "S", 1, []);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "results.sqlite")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
