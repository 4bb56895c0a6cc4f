namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// An instrument as a protocol server sees it: something that accepts connections, each of which executes
/// program messages. Simulators implement it (usually through <see cref="Scpi.ScpiDevice"/>); the SOCKET,
/// VXI-11, HiSLIP and serial servers serve it.
/// </summary>
public interface IMessageDevice
{
    /// <summary>Opens the device-side state of one client connection (its output queue).</summary>
    IDeviceSession Connect();
}
