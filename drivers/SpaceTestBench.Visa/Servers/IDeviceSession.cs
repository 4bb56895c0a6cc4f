using System.Buffers;

namespace SpaceTestBench.Visa.Servers;

/// <summary>One client's view of a device: the IEEE 488.2 message exchange of one connection or link.</summary>
public interface IDeviceSession : IDisposable
{
    /// <summary>
    /// Executes one complete program message (terminator removed) and returns the response message,
    /// terminated by LF, or an empty sequence if the message held no query. Blocks are not copied: the
    /// response references memory the device reuses, valid until the next call on this session.
    /// </summary>
    ReadOnlySequence<byte> ExecuteSequence(ReadOnlySpan<byte> programMessage);

    /// <summary>
    /// Executes one complete program message and returns the response in one piece (empty if none), valid
    /// until the next call on this session; a response with blocks is copied to be contiguous.
    /// </summary>
    ReadOnlyMemory<byte> Execute(ReadOnlySpan<byte> programMessage)
    {
        var response = ExecuteSequence(programMessage);
        return response.IsSingleSegment ? response.First : response.ToArray();
    }

    /// <summary>The IEEE 488.2 status byte as this session sees it; the protocol server knows whether a response is waiting.</summary>
    byte ReadStatusByte(bool messageAvailable);

    /// <summary>Device clear (IEEE 488.2 §5.8): the protocol server has emptied its queues; the device abandons pending work, not its error queue.</summary>
    void Clear();

    /// <summary>A group execute trigger from the protocol (VXI-11 device_trigger, HiSLIP Trigger), as <c>*TRG</c>.</summary>
    void Trigger();

    /// <summary>Reports a message-exchange error only the protocol server can see (-410, -420).</summary>
    void ReportMessageExchangeError(MessageExchangeError kind);
}
