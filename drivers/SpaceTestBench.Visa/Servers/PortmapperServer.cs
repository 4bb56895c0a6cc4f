using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SpaceTestBench.Visa.Protocols.OncRpc;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// An ONC RPC portmapper, version 2 (RFC 1833 §3), over TCP and UDP on one port: how VXI-11 clients find
/// the core channel. Standard clients insist on port 111, which needs root or CAP_NET_BIND_SERVICE on
/// Linux; a simulator without that privilege serves on another port and its clients are told so. Only
/// its own servers' registrations are served; remote SET and UNSET are refused.
/// </summary>
public sealed class PortmapperServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(uint Program, uint Version, uint Protocol), int> _mappings;
    private readonly TcpAcceptor _tcp;
    private readonly Socket _udp;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _udpLoop;
    private readonly Action<Exception>? _faults;

    private PortmapperServer(ConcurrentDictionary<(uint, uint, uint), int> mappings, Socket tcp, Socket udp, Action<Exception>? faults)
    {
        _mappings = mappings;
        _faults = faults;
        _udp = udp;
        _tcp = TcpAcceptor.Start(tcp, (socket, ct) => RpcServerConnection.ServeAsync(socket, new PortmapperService(_mappings), MaxRecordBytes, ct), faults);
        _udpLoop = ServeUdpAsync();
    }

    /// <summary>The port it serves on, TCP and UDP.</summary>
    public int Port => _tcp.EndPoint.Port;

    /// <summary>The address it listens on.</summary>
    public IPAddress Address => _tcp.EndPoint.Address;

    private const int MaxRecordBytes = 4096;

    /// <summary>
    /// Starts a portmapper on <paramref name="endPoint"/> (default 127.0.0.1, port 0 = any free port; pass
    /// <see cref="VisaOpenOptions.StandardPortmapperPort"/> for standard clients).
    /// </summary>
    public static PortmapperServer Start(IPEndPoint? endPoint = null, Action<Exception>? clientFaults = null)
    {
        endPoint ??= new IPEndPoint(IPAddress.Loopback, 0);
        for (var attempt = 0; ; attempt++)
        {
            var tcp = TcpAcceptor.Listen(endPoint);
            var udp = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(endPoint.Address, ((IPEndPoint)tcp.LocalEndPoint!).Port));
                return new PortmapperServer(new(), tcp, udp, clientFaults);
            }
            catch (SocketException) when (endPoint.Port == 0 && attempt < 10)
            {
                // The free TCP port happened to be taken for UDP: try another.
                udp.Dispose();
                tcp.Dispose();
            }
            catch
            {
                udp.Dispose();
                tcp.Dispose();
                throw;
            }
        }
    }

    /// <summary>Maps <paramref name="program"/>/<paramref name="version"/> over TCP or UDP to <paramref name="port"/>.</summary>
    public void Register(uint program, uint version, ProtocolType protocol, int port) =>
        _mappings[(program, version, ProtocolNumber(protocol))] = port;

    /// <summary>Removes a mapping.</summary>
    public void Unregister(uint program, uint version, ProtocolType protocol) =>
        _mappings.TryRemove((program, version, ProtocolNumber(protocol)), out _);

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _udp.Dispose();
        await _udpLoop;
        await _tcp.DisposeAsync();
        _stopping.Dispose();
    }

    private static uint ProtocolNumber(ProtocolType protocol) => protocol switch
    {
        ProtocolType.Tcp => RpcConstants.ProtocolTcp,
        ProtocolType.Udp => RpcConstants.ProtocolUdp,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "The portmapper maps TCP and UDP."),
    };

    private async Task ServeUdpAsync()
    {
        var service = new PortmapperService(_mappings);
        var writer = new XdrWriter();
        var buffer = new byte[9000];
        EndPoint any = new IPEndPoint(_udp.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping.Token);
                var (status, _) = await RpcServerConnection.DispatchAsync(service, buffer.AsMemory(0, received.ReceivedBytes), false, writer, _stopping.Token);
                if (status is not null)
                {
                    await _udp.SendToAsync(writer.Datagram(), SocketFlags.None, received.RemoteEndPoint, _stopping.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP port unreachable from an earlier reply's sender; datagrams are independent.
            }
#pragma warning disable CA1031 // one bad datagram must not stop the portmapper
            catch (Exception e)
#pragma warning restore CA1031
            {
                _faults?.Invoke(e);
            }
        }
    }
}
