using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SpaceTestBench.Visa.Protocols.OncRpc;
using SpaceTestBench.Visa.Protocols.Vxi11;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// Serves devices over VXI-11 (ONC RPC): the core channel, the abort channel, and the portmapper
/// registration clients use to find them. Devices are addressed by LAN device name ("inst0"). Messages end
/// at END or at a trailing LF, so both lxi (END, no LF) and pyvisa-py (LF, END only on short writes) work.
/// Serves many clients at once; a malformed call is answered with the RPC error for it.
/// </summary>
public sealed class Vxi11Server : IAsyncDisposable
{
    private readonly Dictionary<string, (IMessageDevice Device, DeviceLock Lock)> _devices;
    private readonly ConcurrentDictionary<int, Vxi11Link> _links = new();
    private readonly TcpAcceptor _core;
    private readonly TcpAcceptor _abort;
    private readonly PortmapperServer? _ownPortmapper;
    private readonly PortmapperServer? _portmapper;
    private int _nextLinkId;

    private Vxi11Server(IReadOnlyDictionary<string, IMessageDevice> devices, Vxi11ServerOptions options, Socket core, Socket abort, PortmapperServer? ownPortmapper)
    {
        Options = options;
        _devices = devices.ToDictionary(d => d.Key, d => (d.Value, new DeviceLock(options.Clock)), StringComparer.OrdinalIgnoreCase);
        _core = TcpAcceptor.Start(core, ServeCoreAsync, options.ClientFaults);
        _abort = TcpAcceptor.Start(abort, ServeAbortAsync, options.ClientFaults);
        _ownPortmapper = ownPortmapper;
        _portmapper = options.Portmapper ?? ownPortmapper;
        _portmapper?.Register(Vxi11Constants.CoreProgram, Vxi11Constants.Version, ProtocolType.Tcp, CoreEndPoint.Port);
    }

    /// <summary>How it serves.</summary>
    public Vxi11ServerOptions Options { get; }

    /// <summary>The core channel's address and port.</summary>
    public IPEndPoint CoreEndPoint => _core.EndPoint;

    /// <summary>The abort channel's address and port.</summary>
    public IPEndPoint AbortEndPoint => _abort.EndPoint;

    /// <summary>The portmapper port clients must ask (111 for standard clients), or null if there is none.</summary>
    public int? PortmapperPort => _portmapper?.Port;

    /// <summary>The resource string of the first device (e.g. <c>TCPIP0::127.0.0.1::inst0::INSTR</c>).</summary>
    public string ResourceString => ResourceStringOf(_devices.Keys.First());

    /// <summary>
    /// Starts serving <paramref name="device"/> as "inst0". By default it binds 127.0.0.1 and starts its own
    /// portmapper on a free port (<see cref="PortmapperPort"/>); set <see cref="Vxi11ServerOptions.PortmapperPort"/>
    /// to 111 for standard clients.
    /// </summary>
    public static Vxi11Server Start(IMessageDevice device, Vxi11ServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Start(new Dictionary<string, IMessageDevice> { [Resources.ResourceName.DefaultLanDeviceName] = device }, options);
    }

    /// <summary>Starts serving several devices, each under its LAN device name ("inst0", "inst1", "gpib0,5").</summary>
    public static Vxi11Server Start(IReadOnlyDictionary<string, IMessageDevice> devices, Vxi11ServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0)
        {
            throw new ArgumentException("A VXI-11 server needs at least one device.", nameof(devices));
        }

        options ??= new Vxi11ServerOptions { PortmapperPort = 0 };
        var core = TcpAcceptor.Listen(new IPEndPoint(options.Address, options.CorePort));
        Socket? abort = null;
        try
        {
            abort = TcpAcceptor.Listen(new IPEndPoint(options.Address, options.AbortPort));
            var portmapper = options.Portmapper is null && options.PortmapperPort is { } port
                ? PortmapperServer.Start(new IPEndPoint(options.Address, port), options.ClientFaults)
                : null;
            return new Vxi11Server(devices, options, core, abort, portmapper);
        }
        catch
        {
            abort?.Dispose();
            core.Dispose();
            throw;
        }
    }

    /// <summary>The resource string of the device named <paramref name="deviceName"/>.</summary>
    public string ResourceStringOf(string deviceName) => CoreEndPoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"TCPIP0::[{CoreEndPoint.Address}]::{deviceName}::INSTR"
        : $"TCPIP0::{CoreEndPoint.Address}::{deviceName}::INSTR";

    /// <summary>Stops serving; links still open are destroyed.</summary>
    public async ValueTask DisposeAsync()
    {
        _portmapper?.Unregister(Vxi11Constants.CoreProgram, Vxi11Constants.Version, ProtocolType.Tcp);
        await _core.DisposeAsync();
        await _abort.DisposeAsync();
        if (_ownPortmapper is not null)
        {
            await _ownPortmapper.DisposeAsync();
        }
    }

    internal bool TryGetDevice(string name, out IMessageDevice device, out DeviceLock deviceLock)
    {
        if (_devices.TryGetValue(name, out var entry))
        {
            (device, deviceLock) = entry;
            return true;
        }

        (device, deviceLock) = (null!, null!);
        return false;
    }

    internal Vxi11Link AddLink(string deviceName, IDeviceSession session, DeviceLock deviceLock)
    {
        var link = new Vxi11Link(Interlocked.Increment(ref _nextLinkId), deviceName, session, deviceLock, Options.MaxMessageBytes, Options.MessageMemory);
        _links[link.Id] = link;
        return link;
    }

    internal void RemoveLink(Vxi11Link link)
    {
        if (_links.TryRemove(link.Id, out _))
        {
            link.Dispose();
        }
    }

    internal bool TryGetLink(int id, out Vxi11Link link) => _links.TryGetValue(id, out link!);

    private async Task ServeCoreAsync(Socket socket, CancellationToken stopping)
    {
        var channel = new Vxi11CoreChannel(this, stopping);
        try
        {
            await RpcServerConnection.ServeAsync(socket, channel, Options.MaxReceiveSize + 1024, stopping);
        }
        finally
        {
            channel.DestroyLinks();
        }
    }

    private Task ServeAbortAsync(Socket socket, CancellationToken stopping) =>
        RpcServerConnection.ServeAsync(socket, new Vxi11AbortChannel(this), 1024, stopping);
}
