using System.Text;
using SpaceTestBench.Visa.Resources;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Tests;

/// <summary>
/// A session that plays a scripted conversation, PyMeasure's expected_protocol style: each write must be
/// exactly the next expected command, and a read returns the scripted response. Anything else fails the
/// test with the difference, so a transcript pins the bytes a driver sends and how it parses answers.
/// </summary>
internal sealed class TranscriptSession : IMessageBasedSession, IMessageBasedRawIO
{
    private readonly Queue<(string Command, string? Response)> _script;
    private readonly Queue<byte[]> _pendingResponses = new();

    public TranscriptSession(params (string Command, string? Response)[] script)
    {
        _script = new Queue<(string, string?)>(script);
        FormattedIO = new MessageBasedFormattedIO(this);
    }

    public string ResourceName => "TCPIP0::transcript::5025::SOCKET";

    public ResourceName Resource => Visa.Resources.ResourceName.Parse(ResourceName);

    public int TimeoutMilliseconds { get; set; } = 2000;

    public byte TerminationCharacter { get; set; } = (byte)'\n';

    public bool TerminationCharacterEnabled { get; set; } = true;

    public IMessageBasedRawIO RawIO => this;

    public MessageBasedFormattedIO FormattedIO { get; }

    public List<string> Sent { get; } = [];

    public void AssertComplete() =>
        Assert.That(_script, Is.Empty, $"The driver stopped before sending: {string.Join(" | ", _script.Select(s => s.Command))}");

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var text = Encoding.ASCII.GetString(data.Span);
        Assert.That(text, Does.EndWith("\n"), "Every program message ends with LF.");
        var command = text[..^1];
        Sent.Add(command);
        Assert.That(_script, Is.Not.Empty, $"Unexpected command '{command}' after the transcript ended.");
        var (expected, response) = _script.Dequeue();
        Assert.That(command, Is.EqualTo(expected), "The driver sent a different command than the transcript.");
        if (response is not null)
        {
            _pendingResponses.Enqueue(Encoding.ASCII.GetBytes(response + "\n"));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Assert.That(_pendingResponses, Is.Not.Empty, "The driver read a response the transcript does not give (a query without '?').");
        var response = _pendingResponses.Peek();
        var count = Math.Min(buffer.Length, response.Length);
        response.AsSpan(0, count).CopyTo(buffer.Span);
        if (count == response.Length)
        {
            _pendingResponses.Dequeue();
            return ValueTask.FromResult(new ReadResult(count, ReadStatus.TerminationCharacterEncountered));
        }

        _pendingResponses.Dequeue();
        _pendingResponses.Enqueue(response[count..]);
        return ValueTask.FromResult(new ReadResult(count, ReadStatus.MaximumCountReached));
    }

    public Task ClearAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<StatusByteFlags> ReadStatusByteAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
