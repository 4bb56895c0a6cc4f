using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Results.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Results.Tests.Progress;

public class ProgressTests
{
    private static readonly DateTimeOffset T0 = TestRuns.Start;

    [Test]
    public void Time_left_is_the_rest_of_the_current_scenario_and_the_plans_of_those_after_it()
    {
        var snapshot = ProgressSnapshot.Empty
            .With(new CampaignProgressStarted(T0, 3, TimeSpan.FromHours(6), [TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3)], VirtualClock: true))
            .With(new ScenarioProgressStarted(T0 + TimeSpan.FromHours(1), 2, "second", "a.feature:2"))
            .With(new StepProgressStarted(T0 + TimeSpan.FromHours(1.5), 1, 4, "the bench waits 2 h"));

        Assert.That(snapshot.Remaining, Is.EqualTo(TimeSpan.FromHours(4.5)));
        Assert.That(snapshot.Elapsed, Is.EqualTo(TimeSpan.FromHours(1.5)));
        Assert.That((snapshot with { Now = T0 + TimeSpan.FromHours(9) }).Remaining, Is.EqualTo(TimeSpan.FromHours(3)), "an overrun scenario leaves nothing, not less than nothing");
        Assert.That((snapshot with { PlannedScenarios = [TimeSpan.FromHours(1), null, TimeSpan.FromHours(3)] }).Remaining, Is.Null, "unknown is said, not guessed");
    }

    [Test]
    public void A_gauge_with_a_rate_grows_with_bench_time_up_to_its_target_and_a_reading_does_not()
    {
        var dose = new ProgressGauge("dose", 10, 20, "krad(Si)", RatePerSecond: 0.001);

        Assert.That(dose.At(TimeSpan.FromSeconds(5000)), Is.EqualTo(15).Within(1e-9));
        Assert.That(dose.At(TimeSpan.FromDays(1)), Is.EqualTo(20), "never past the target");
        Assert.That(new ProgressGauge("upsets", 37, 100, "").At(TimeSpan.FromHours(1)), Is.EqualTo(37));
    }

    [Test]
    public void A_step_started_clears_the_previous_steps_gauges_and_a_judged_measurement_is_kept()
    {
        var snapshot = ProgressSnapshot.Empty
            .With(new StepProgressReported(T0, "irradiating", [new ProgressGauge("dose", 1, 5, "krad(Si)")]))
            .With(new MeasurementJudged(T0, "leakage", "1 mA", "x ≤ 2 mA", Verdict.Pass))
            .With(new StepProgressStarted(T0, 3, 5, "next"));

        Assert.That(snapshot.Gauges, Is.Empty);
        Assert.That(snapshot.LastMeasurement!.Name, Is.EqualTo("leakage"));
    }

    [Test]
    public async Task The_store_keeps_the_latest_picture_and_a_read_only_reader_gets_it_while_the_writer_holds_a_transaction()
    {
        var folder = TestRepository.ScratchFolder("progress");
        using var results = SqliteResultStore.Create(folder);
        new ResultRecorder(new FakeTimeProvider(T0), results).StartRun(TestRuns.Info());
        var wall = new FakeTimeProvider(T0);
        var store = ProgressStore.Open(folder, wall);
        var pipeline = new ProgressPipeline(store);
        pipeline.Publish(new CampaignProgressStarted(T0, 2, TimeSpan.FromHours(3), [TimeSpan.FromHours(1), TimeSpan.FromHours(2)], true));
        pipeline.Publish(new ScenarioProgressStarted(T0, 1, "first", "a.feature:3"));
        pipeline.Publish(new StepProgressReported(T0 + TimeSpan.FromMinutes(5), "irradiating to 5 krad(Si)", [new ProgressGauge("dose", 2.5, 5, "krad(Si)", 0.001)]));
        await store.DisposeAsync();

        // Another writer in the middle of a transaction: a WAL reader still reads the last committed picture, at once.
        using var writer = new SqliteConnection($"Data Source={ResultStoreReader.StorePath(folder)};Pooling=False");
        writer.Open();
        using (var begin = writer.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE; INSERT OR REPLACE INTO progress (key, value, wall) VALUES ('other', 'x', 'y');";
            begin.ExecuteNonQuery();
        }

        var read = ProgressStore.Read(folder);

        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Value.Snapshot, Is.EqualTo(pipeline.Current).Using<ProgressSnapshot>((a, b) =>
            a.Scenarios == b.Scenarios && a.ScenarioName == b.ScenarioName && a.Activity == b.Activity && a.Gauges.SequenceEqual(b.Gauges)
            && a.PlannedScenarios.SequenceEqual(b.PlannedScenarios) && a.Now == b.Now));
        Assert.That(read.Value.Written, Is.EqualTo(T0));
    }
}
