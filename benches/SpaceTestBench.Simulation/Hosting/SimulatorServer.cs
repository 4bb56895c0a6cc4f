using System.Net;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Simulation.Hosting;

/// <summary>
/// Serves a simulated instrument over a protocol of the VISA layer on loopback and gives the resource
/// string a client opens. Adding a protocol is one case here once the VISA layer has its server.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly IAsyncDisposable _server;

    private SimulatorServer(IAsyncDisposable server, string resource, SimulatorProtocol protocol)
    {
        _server = server;
        ResourceString = resource;
        Protocol = protocol;
    }

    /// <summary>The VISA resource string clients open.</summary>
    public string ResourceString { get; }

    /// <summary>The protocol served.</summary>
    public SimulatorProtocol Protocol { get; }

    /// <summary>Whether this build can serve <paramref name="protocol"/>.</summary>
    public static bool IsAvailable(SimulatorProtocol protocol) => protocol == SimulatorProtocol.Socket;

    /// <summary>Starts serving <paramref name="device"/> on 127.0.0.1 (port 0: an ephemeral port).</summary>
    public static SimulatorServer Start(IMessageDevice device, SimulatorProtocol protocol, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(device);
        switch (protocol)
        {
            case SimulatorProtocol.Socket:
                var socket = SocketServer.Start(device, new IPEndPoint(IPAddress.Loopback, port));
                return new SimulatorServer(socket, socket.ResourceString, protocol);
            default:
                throw new NotSupportedException($"The VISA layer of this build has no {protocol} server yet; serve simulators over \"socket\".");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
