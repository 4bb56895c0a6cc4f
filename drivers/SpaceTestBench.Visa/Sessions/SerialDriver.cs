namespace SpaceTestBench.Visa.Sessions;

/// <summary>How a serial line is driven.</summary>
public enum SerialDriver
{
    /// <summary>termios directly on Linux (no polling delay), System.IO.Ports elsewhere.</summary>
    Auto,

    /// <summary>termios directly (Linux only).</summary>
    Termios,

    /// <summary>System.IO.Ports: portable, any baud rate, but about 1 ms of polling per direction on Linux.</summary>
    SystemIOPorts,
}
