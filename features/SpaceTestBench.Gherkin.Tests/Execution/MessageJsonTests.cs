using System.Text.Json.Nodes;
using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Messages;
using SpaceTestBench.Gherkin.Tests.Compatibility;

namespace SpaceTestBench.Gherkin.Tests.Execution;

public sealed class MessageJsonTests
{
    [Test]
    public void Enums_are_written_with_their_protocol_wire_values()
    {
        var json = MessageJson.Serialize(Envelope.Create(new TestStepFinished("1", "2", new TestStepResult(new Duration(0, 5), null, TestStepResultStatus.PASSED, null), new Timestamp(1, 2))));
        Assert.That(json, Is.EqualTo("""{"testStepFinished":{"testCaseStartedId":"1","testStepId":"2","testStepResult":{"duration":{"seconds":0,"nanos":5},"status":"PASSED"},"timestamp":{"seconds":1,"nanos":2}}}"""));
        Assert.That(MessageJson.Serialize(Envelope.Create(new Source("a.feature", "", SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN))), Does.Contain("\"text/x.cucumber.gherkin+plain\""));
        Assert.That(System.Text.Json.JsonSerializer.Serialize(new PickleStep(null, [], "1", PickleStepType.CONTEXT, "x"), MessageJson.Options), Does.Contain("\"type\":\"Context\""));
    }

    [Test]
    public void An_envelope_reads_back_as_it_was_written()
    {
        const string line = """{"testStepFinished":{"testCaseStartedId":"1","testStepId":"2","testStepResult":{"duration":{"seconds":0,"nanos":5},"message":"m","status":"FAILED","exception":{"type":"T","message":"m","stackTrace":"s"}},"timestamp":{"seconds":1,"nanos":2}}}""";
        var envelope = MessageJson.Deserialize(line);
        Assert.That(envelope.TestStepFinished.TestStepResult.Status, Is.EqualTo(TestStepResultStatus.FAILED));
        Assert.That(MessageJson.Serialize(envelope), Is.EqualTo(line));
    }

    [Test]
    public void The_stream_comparer_remaps_ids_but_catches_every_real_difference()
    {
        static List<JsonObject> Stream(params string[] lines) => lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var expected = Stream("""{"testCase":{"id":"1","pickleId":"0","testSteps":[]}}""", """{"testCaseStarted":{"id":"2","testCaseId":"1","attempt":0,"timestamp":{"seconds":0,"nanos":0}}}""");

        Assert.That(MessageStreamComparer.Compare(expected, Stream(
            """{"testCase":{"id":"a","pickleId":"b","testSteps":[]}}""", """{"testCaseStarted":{"id":"c","testCaseId":"a","attempt":0,"timestamp":{"seconds":9,"nanos":9}}}""")), Is.Empty);
        Assert.That(MessageStreamComparer.Compare(expected, Stream(
            """{"testCase":{"id":"a","pickleId":"b","testSteps":[]}}""", """{"testCaseStarted":{"id":"c","testCaseId":"b","attempt":0,"timestamp":{"seconds":9,"nanos":9}}}""")), Is.Not.Empty, "ids must map one to one");
        Assert.That(MessageStreamComparer.Compare(expected, Stream(
            """{"testCase":{"id":"a","pickleId":"b","testSteps":[]}}""", """{"testCaseStarted":{"id":"c","testCaseId":"a","attempt":1,"timestamp":{"seconds":9,"nanos":9}}}""")), Is.Not.Empty, "values compare exactly");
        Assert.That(MessageStreamComparer.Compare(expected, Stream(
            """{"testCase":{"id":"a","pickleId":"b","testSteps":[],"extra":true}}""", """{"testCaseStarted":{"id":"c","testCaseId":"a","attempt":0,"timestamp":{"seconds":9,"nanos":9}}}""")), Is.Not.Empty, "no extra keys");
        Assert.That(MessageStreamComparer.Compare(expected, Stream("""{"testCase":{"id":"a","pickleId":"b","testSteps":[]}}""")), Is.Not.Empty, "no missing messages");
    }
}
