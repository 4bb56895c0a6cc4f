using System.IO.Ports;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>Serial line settings (IVI VISA.NET <c>ISerialSession</c> attributes and their VISA defaults).</summary>
public sealed record SerialSettings
{
    /// <summary>Baud rate (VISA default 9600).</summary>
    public int BaudRate { get; init; } = 9600;

    /// <summary>Data bits, 5–8 (VISA default 8).</summary>
    public int DataBits { get; init; } = 8;

    /// <summary>Parity (VISA default none).</summary>
    public Parity Parity { get; init; } = Parity.None;

    /// <summary>Stop bits (VISA default one).</summary>
    public StopBits StopBits { get; init; } = StopBits.One;

    /// <summary>Flow control (VISA default none).</summary>
    public Handshake FlowControl { get; init; } = Handshake.None;

    /// <summary>The character that ends a response (VISA default LF); serial has no END line.</summary>
    public byte ReadTermination { get; init; } = (byte)'\n';

    /// <summary>How the line is driven (default: termios on Linux, System.IO.Ports elsewhere).</summary>
    public SerialDriver Driver { get; init; } = SerialDriver.Auto;
}
