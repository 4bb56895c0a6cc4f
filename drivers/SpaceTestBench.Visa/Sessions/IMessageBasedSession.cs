namespace SpaceTestBench.Visa.Sessions;

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

    /// <summary>Device clear (IEEE 488.2 §5.8): discards pending input and output on both sides where the protocol allows.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the IEEE 488.2 status byte (VXI-11 device_readstb, HiSLIP AsyncStatusQuery, *STB? elsewhere).</summary>
    Task<StatusByteFlags> ReadStatusByteAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Asserts a software trigger (IVI <c>AssertTrigger</c>): VXI-11 device_trigger, HiSLIP Trigger, or the
    /// IEEE 488.2 <c>*TRG</c> command where the protocol has no trigger message.
    /// </summary>
    Task AssertTriggerAsync(CancellationToken cancellationToken = default) => FormattedIO.WriteLineAsync("*TRG", cancellationToken).AsTask();
}
