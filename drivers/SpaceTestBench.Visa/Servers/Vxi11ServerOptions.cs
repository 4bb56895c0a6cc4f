using System.Net;

namespace SpaceTestBench.Visa.Servers;

/// <summary>Where and how a <see cref="Vxi11Server"/> serves.</summary>
public sealed record Vxi11ServerOptions
{
    /// <summary>The address to bind (default 127.0.0.1: a simulator is not on the facility LAN unless asked).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The core channel's port (0 = any free port; clients find it through the portmapper).</summary>
    public int CorePort { get; init; }

    /// <summary>The abort channel's port (0 = any free port; clients learn it from create_link).</summary>
    public int AbortPort { get; init; }

    /// <summary>
    /// The port of the portmapper this server starts (TCP and UDP): 0 = any free port, 111 for standard
    /// clients (needs the privilege to bind it), null to start none. Ignored when <see cref="Portmapper"/> is given.
    /// </summary>
    public int? PortmapperPort { get; init; }

    /// <summary>A portmapper shared with other servers (e.g. one on port 111 for several simulated instruments).</summary>
    public PortmapperServer? Portmapper { get; init; }

    /// <summary>The largest device_write a client may send (create_link's maxRecvSize).</summary>
    public int MaxReceiveSize { get; init; } = 1024 * 1024;

    /// <summary>The longest program message accepted before a link's input is discarded.</summary>
    public int MaxMessageBytes { get; init; } = SocketServer.DefaultMaxMessageBytes;

    /// <summary>What all clients' unfinished program messages may hold together (default: four full messages); a message that would exceed it is refused.</summary>
    public MessageMemoryBudget MessageMemory { get; init; } = new(SocketServer.DefaultMessageMemoryBytes);

    /// <summary>The clock io_timeout and lock_timeout are measured on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Hears of any unexpected failure serving one client (the others go on).</summary>
    public Action<Exception>? ClientFaults { get; init; }
}
