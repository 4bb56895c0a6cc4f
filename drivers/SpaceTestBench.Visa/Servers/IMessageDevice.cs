namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// An instrument as a protocol server sees it: something that accepts connections, each of which executes
/// program messages. Simulators implement it; the SOCKET, VXI-11 and HiSLIP servers serve it.
/// </summary>
public interface IMessageDevice
{
    /// <summary>Opens the device-side state of one client connection (its output queue).</summary>
    IDeviceSession Connect();
}

/// <summary>One client's view of a device.</summary>
public interface IDeviceSession : IDisposable
{
    /// <summary>
    /// Executes one complete program message (terminator removed) and returns the response message to send,
    /// terminated by LF, or empty if the message held no query.
    /// </summary>
    ReadOnlyMemory<byte> Execute(ReadOnlySpan<byte> programMessage);

    /// <summary>The IEEE 488.2 status byte as this session sees it.</summary>
    byte ReadStatusByte();

    /// <summary>Device clear (IEEE 488.2 §5.8): clears input/output queues, not the error queue.</summary>
    void Clear();
}
