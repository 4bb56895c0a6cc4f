using System.Net;

namespace SpaceTestBench.Visa.Servers;

/// <summary>Where and how a <see cref="HiSlipServer"/> serves.</summary>
public sealed record HiSlipServerOptions
{
    /// <summary>The IANA port of HiSLIP (IVI-6.1 §2.1).</summary>
    public const int StandardPort = 4880;

    /// <summary>The address to bind (default 127.0.0.1).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port (default 4880; 0 = any free port).</summary>
    public int Port { get; init; } = StandardPort;

    /// <summary>The largest message payload the server accepts (announced in AsyncMaximumMessageSizeResponse).</summary>
    public long MaximumMessageSize { get; init; } = SocketServer.DefaultMaxMessageBytes;

    /// <summary>The longest program message accepted before the input is discarded.</summary>
    public int MaxMessageBytes { get; init; } = SocketServer.DefaultMaxMessageBytes;

    /// <summary>What all clients' unfinished program messages may hold together (default: four full messages); a message that would exceed it is refused.</summary>
    public MessageMemoryBudget MessageMemory { get; init; } = new(SocketServer.DefaultMessageMemoryBytes);

    /// <summary>How many sessions may be open at once; one more is refused with FatalError 4.</summary>
    public int MaxSessions { get; init; } = 64;

    /// <summary>The clock lock timeouts are measured on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Hears of any unexpected failure serving one client (the others go on).</summary>
    public Action<Exception>? ClientFaults { get; init; }
}
