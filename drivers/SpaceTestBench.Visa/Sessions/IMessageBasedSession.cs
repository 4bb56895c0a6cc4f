using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>Why a read returned (IVI VISA.NET <c>ReadStatus</c>).</summary>
public enum ReadStatus
{
    /// <summary>Data arrived but no message boundary is known (SOCKET without a termination character).</summary>
    Unknown,

    /// <summary>The device signalled the end of the message (END / DataEND).</summary>
    EndReceived,

    /// <summary>The termination character was read.</summary>
    TerminationCharacterEncountered,

    /// <summary>The buffer filled before the message ended.</summary>
    MaximumCountReached,
}

/// <summary>The result of a raw read.</summary>
/// <param name="Count">Bytes placed in the buffer.</param>
/// <param name="Status">Why the read returned.</param>
public readonly record struct ReadResult(int Count, ReadStatus Status)
{
    /// <summary>True if the message is complete (END or termination character).</summary>
    public bool IsMessageComplete => Status is ReadStatus.EndReceived or ReadStatus.TerminationCharacterEncountered;
}

/// <summary>Unformatted message I/O (IVI VISA.NET <c>IMessageBasedRawIO</c>, async-first).</summary>
public interface IMessageBasedRawIO
{
    /// <summary>Sends <paramref name="data"/> as one message (END on the last byte where the protocol has END).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Reads into <paramref name="buffer"/> until END, the termination character (if enabled) or a full buffer.</summary>
    ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);
}

/// <summary>A session with an instrument resource (IVI VISA.NET <c>IVisaSession</c>).</summary>
public interface IVisaSession : IAsyncDisposable
{
    /// <summary>The resource string as the user gave it.</summary>
    string ResourceName { get; }

    /// <summary>The parsed resource.</summary>
    ResourceName Resource { get; }

    /// <summary>I/O timeout in milliseconds (wall clock: bytes move in real time even on a simulated bench).</summary>
    int TimeoutMilliseconds { get; set; }
}

/// <summary>A message-based session (IVI VISA.NET <c>IMessageBasedSession</c>, async-first).</summary>
public interface IMessageBasedSession : IVisaSession
{
    /// <summary>The termination character (default LF).</summary>
    byte TerminationCharacter { get; set; }

    /// <summary>Whether reads stop at <see cref="TerminationCharacter"/>.</summary>
    bool TerminationCharacterEnabled { get; set; }

    /// <summary>Raw message I/O.</summary>
    IMessageBasedRawIO RawIO { get; }

    /// <summary>Formatted I/O: lines, numbers, blocks.</summary>
    MessageBasedFormattedIO FormattedIO { get; }

    /// <summary>Device clear: discards pending input and output on both sides where the protocol allows.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the IEEE 488.2 status byte.</summary>
    Task<byte> ReadStatusByteAsync(CancellationToken cancellationToken = default);
}
