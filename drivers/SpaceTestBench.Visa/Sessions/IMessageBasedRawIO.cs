namespace SpaceTestBench.Visa.Sessions;

/// <summary>Unformatted message I/O (IVI VISA.NET <c>IMessageBasedRawIO</c>, async-first).</summary>
public interface IMessageBasedRawIO
{
    /// <summary>Sends <paramref name="data"/> as one message (END on the last byte where the protocol has END).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Reads into <paramref name="buffer"/> until END, the termination character (if enabled) or a full buffer.</summary>
    ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);
}
