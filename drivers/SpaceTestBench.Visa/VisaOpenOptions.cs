using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Visa;

/// <summary>Options for opening a session.</summary>
public sealed record VisaOpenOptions
{
    /// <summary>The portmapper port VXI-11 clients ask for the core channel's port (ONC RPC: 111).</summary>
    public const int StandardPortmapperPort = 111;

    /// <summary>Timeout for connecting and for each I/O operation; <see cref="Timeout.Infinite"/> waits for ever.</summary>
    public int TimeoutMilliseconds { get; init; } = 2000;

    /// <summary>
    /// The clock for I/O deadlines. Always real time by default: bytes on a socket move in real time even
    /// when the bench's physics runs on a virtual clock.
    /// </summary>
    public TimeProvider IOClock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where a VXI-11 client asks for the core channel's port. Standard instruments serve it on 111; a
    /// simulator without the privilege to bind 111 serves it elsewhere.
    /// </summary>
    public int PortmapperPort { get; init; } = StandardPortmapperPort;

    /// <summary>The largest HiSLIP message this client accepts (announced with AsyncMaximumMessageSize).</summary>
    public long HiSlipMaximumMessageSize { get; init; } = 1L << 30;

    /// <summary>Line settings for serial (ASRL) resources.</summary>
    public SerialSettings Serial { get; init; } = new();
}
