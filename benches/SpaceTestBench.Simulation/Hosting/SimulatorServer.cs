using System.Net;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Simulation.Hosting;

/// <summary>
/// Serves a simulated instrument over a protocol of the VISA layer on loopback and gives the resource
/// string a client opens (and, for VXI-11, the portmapper port it must ask).
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly IAsyncDisposable _server;

    private SimulatorServer(IAsyncDisposable server, string resource, SimulatorProtocol protocol, int portmapperPort = VisaOpenOptions.StandardPortmapperPort)
    {
        _server = server;
        ResourceString = resource;
        Protocol = protocol;
        PortmapperPort = portmapperPort;
    }

    /// <summary>The VISA resource string clients open.</summary>
    public string ResourceString { get; }

    /// <summary>The protocol served.</summary>
    public SimulatorProtocol Protocol { get; }

    /// <summary>Where a VXI-11 client asks for the core channel's port (<see cref="VisaOpenOptions.PortmapperPort"/>); 111 for the other protocols, which do not use it.</summary>
    public int PortmapperPort { get; }

    /// <summary>Whether this build can serve <paramref name="protocol"/>.</summary>
    public static bool IsAvailable(SimulatorProtocol protocol) =>
        protocol is SimulatorProtocol.Socket or SimulatorProtocol.Vxi11 or SimulatorProtocol.HiSlip;

    /// <summary>
    /// Starts serving <paramref name="device"/> on 127.0.0.1. <paramref name="port"/> is the socket port, the
    /// HiSLIP port, or for VXI-11 the portmapper's (111 for standard clients, where the process may bind it);
    /// 0 is an ephemeral port.
    /// </summary>
    public static SimulatorServer Start(IMessageDevice device, SimulatorProtocol protocol, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(device);
        switch (protocol)
        {
            case SimulatorProtocol.Socket:
                var socket = SocketServer.Start(device, new IPEndPoint(IPAddress.Loopback, port));
                return new SimulatorServer(socket, socket.ResourceString, protocol);
            case SimulatorProtocol.Vxi11:
                var vxi11 = Vxi11Server.Start(device, new Vxi11ServerOptions { PortmapperPort = port });
                return new SimulatorServer(vxi11, vxi11.ResourceString, protocol, vxi11.PortmapperPort!.Value);
            case SimulatorProtocol.HiSlip:
                var hislip = HiSlipServer.Start(device, new HiSlipServerOptions { Port = port });
                return new SimulatorServer(hislip, hislip.ResourceString, protocol);
            default:
                throw new NotSupportedException($"The VISA layer of this build has no {protocol} server; serve simulators over \"socket\", \"vxi11\" or \"hislip\".");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
