using Io.Cucumber.Messages.Types;

namespace SpaceTestBench.Gherkin.Messages;

/// <summary>Receives the Cucumber Messages of a run, in protocol order. Called from one thread at a time.</summary>
public interface IMessageSink
{
    /// <summary>Takes one envelope.</summary>
    void Write(Envelope envelope);
}

/// <summary>Keeps the envelopes in memory (tests, formatters that need the whole run).</summary>
public sealed class MessageCollector : IMessageSink
{
    private readonly List<Envelope> _envelopes = [];

    /// <summary>Everything written so far.</summary>
    public IReadOnlyList<Envelope> Envelopes => _envelopes;

    /// <inheritdoc />
    public void Write(Envelope envelope) => _envelopes.Add(envelope);
}
