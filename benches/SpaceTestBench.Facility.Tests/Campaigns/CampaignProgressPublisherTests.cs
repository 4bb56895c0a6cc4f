using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Progress;

namespace SpaceTestBench.Facility.Tests.Campaigns;

/// <summary>The station host's campaign events: the snapshot and measurement JSON the web console and the CLI read, and their pace.</summary>
[TestFixture]
public sealed class CampaignProgressPublisherTests
{
    private static readonly DateTimeOffset Bench = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Scenario_boundaries_send_a_snapshot_at_once_and_measurements_between_them_go_in_one_batch_a_second()
    {
        var wall = new FakeTimeProvider(Bench);
        var sent = new List<(string Kind, string Text)>();
        var publisher = new CampaignProgressPublisher((kind, text) => { lock (sent) { sent.Add((kind, text)); } }, wall);

        publisher.Publish(new CampaignProgressStarted(Bench, 2, TimeSpan.FromMinutes(10), [TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6)], true));
        publisher.Publish(new ScenarioProgressStarted(Bench, 1, "Power-on current", "power/power-on.feature:12"));
        Assert.That(Kinds(sent), Is.EqualTo(new[] { "snapshot" }), "a scenario's start is sent at once");

        publisher.Publish(new StepProgressStarted(Bench.AddSeconds(1), 2, 5, "Then the DUT supply current is below 450 mA"));
        for (var i = 0; i < 3; i++)
        {
            publisher.Publish(new MeasurementTaken(Bench.AddSeconds(2 + i), "DUT supply current", 0.301 + i, "A", "≤ 0.45 A (datasheet §7.2)", i == 0 ? Verdict.Pass : Verdict.Fail,
                new Dictionary<string, string> { ["DUT supply voltage"] = "1.8 V" }));
        }

        Assert.That(Kinds(sent), Has.Count.EqualTo(1), "between boundaries nothing goes out before the second is up");
        wall.Advance(CampaignProgressPublisher.Interval);
        await Until(() => Kinds(sent).Count == 3);
        Assert.That(Kinds(sent), Is.EqualTo(new[] { "snapshot", "measurements", "snapshot" }));

        var batch = JsonDocument.Parse(sent[1].Text).RootElement;
        Assert.That(batch.GetArrayLength(), Is.EqualTo(3));
        var first = batch[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "scenario", "scenarioName", "name", "value", "unit", "verdict", "limit", "benchTime", "conditions" }));
            Assert.That(first.GetProperty("scenario").GetInt32(), Is.EqualTo(1));
            Assert.That(first.GetProperty("scenarioName").GetString(), Is.EqualTo("Power-on current"));
            Assert.That(first.GetProperty("value").GetDouble(), Is.EqualTo(0.301));
            Assert.That(first.GetProperty("unit").GetString(), Is.EqualTo("A"));
            Assert.That(first.GetProperty("verdict").GetString(), Is.EqualTo("Pass"));
            Assert.That(batch[1].GetProperty("verdict").GetString(), Is.EqualTo("Fail"));
            Assert.That(first.GetProperty("limit").GetString(), Is.EqualTo("≤ 0.45 A (datasheet §7.2)"));
            Assert.That(first.GetProperty("benchTime").GetDateTimeOffset(), Is.EqualTo(Bench.AddSeconds(2)));
            Assert.That(first.GetProperty("conditions").GetProperty("DUT supply voltage").GetString(), Is.EqualTo("1.8 V"));
        });

        var picture = ProgressSnapshotJson.Deserialize(sent[2].Text, "test");
        Assert.That((picture.ScenarioNumber, picture.StepIndex, picture.StepText), Is.EqualTo((1, 2, "Then the DUT supply current is below 450 mA")));
        Assert.That(JsonDocument.Parse(sent[2].Text).RootElement.GetProperty("scenarioName").GetString(), Is.EqualTo("Power-on current"), "camelCase, as the store keeps it");

        wall.Advance(CampaignProgressPublisher.Interval * 3);
        await Task.Delay(100);
        Assert.That(Kinds(sent), Has.Count.EqualTo(3), "nothing new, nothing sent");

        publisher.Publish(new ScenarioProgressFinished(Bench.AddSeconds(9), 1, Verdict.Fail));
        publisher.Publish(new CampaignProgressFinished(Bench.AddSeconds(9), Verdict.Fail));
        await publisher.DisposeAsync();
        Assert.That(Kinds(sent), Is.EqualTo(new[] { "snapshot", "measurements", "snapshot", "snapshot", "snapshot", "snapshot" }));
        var last = ProgressSnapshotJson.Deserialize(sent[^1].Text, "test");
        Assert.That(last.Finished?.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(JsonDocument.Parse(sent[^1].Text).RootElement.GetProperty("finished").GetProperty("verdict").GetString(), Is.EqualTo("Fail"), "enums as their names");
    }

    [Test]
    public async Task Nothing_is_sent_before_the_campaign_starts()
    {
        var sent = new List<string>();
        var publisher = new CampaignProgressPublisher((kind, _) => { lock (sent) { sent.Add(kind); } }, new FakeTimeProvider(Bench));
        await publisher.DisposeAsync();
        Assert.That(sent, Is.Empty);
    }

    private static List<string> Kinds(List<(string Kind, string Text)> sent)
    {
        lock (sent)
        {
            return sent.Select(s => s.Kind).ToList();
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }
    }
}
