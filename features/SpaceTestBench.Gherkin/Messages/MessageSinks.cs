using Io.Cucumber.Messages.Types;

namespace SpaceTestBench.Gherkin.Messages;

/// <summary>Passes every envelope to each of several sinks, in order (the run's ndjson file and the collector its HTML page is made from).</summary>
/// <param name="sinks">The sinks.</param>
public sealed class MessageSinks(params IMessageSink[] sinks) : IMessageSink
{
    /// <inheritdoc />
    public void Write(Envelope envelope)
    {
        foreach (var sink in sinks)
        {
            sink.Write(envelope);
        }
    }
}
