using System.Buffers;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// One client's view of a device: the IEEE 488.2 message exchange of one connection or link. A device
/// implements <see cref="Execute"/>, <see cref="ReadStatusByte()"/> and <see cref="Clear"/>; the other
/// members have defaults that a SCPI device (<see cref="Scpi.ScpiDevice"/>) refines.
/// </summary>
public interface IDeviceSession : IDisposable
{
    /// <summary>
    /// Executes one complete program message (terminator removed) and returns the response message,
    /// terminated by LF, or empty if the message held no query. The response may be memory the device
    /// reuses: it is valid until the next call on this session.
    /// </summary>
    ReadOnlyMemory<byte> Execute(ReadOnlySpan<byte> programMessage);

    /// <summary>
    /// <see cref="Execute"/> for protocol servers: the response as a sequence, so a device can hand over
    /// blocks without copying them (valid until the next call on this session).
    /// </summary>
    ReadOnlySequence<byte> ExecuteSequence(ReadOnlySpan<byte> programMessage) => new(Execute(programMessage));

    /// <summary>The IEEE 488.2 status byte as this session sees it, without MAV.</summary>
    byte ReadStatusByte();

    /// <summary>The status byte with MAV as the protocol server knows it (a response waiting to be read).</summary>
    byte ReadStatusByte(bool messageAvailable) => (byte)(ReadStatusByte() | (messageAvailable ? 0x10 : 0));

    /// <summary>Device clear (IEEE 488.2 §5.8): the protocol server has emptied its queues; the device abandons pending work, not its error queue.</summary>
    void Clear();

    /// <summary>A group execute trigger from the protocol (VXI-11 device_trigger, HiSLIP Trigger): <c>*TRG</c> unless the device knows better.</summary>
    void Trigger() => Execute("*TRG"u8);

    /// <summary>A message-exchange error only the protocol server can see (-410, -420); a device without an error queue has nowhere to put it.</summary>
    void ReportMessageExchangeError(MessageExchangeError kind)
    {
    }
}
