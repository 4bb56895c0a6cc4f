using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SpaceTestBench.Visa.Protocols.HiSlip;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// Serves devices over HiSLIP 1.0 (IVI-6.1) in synchronized mode: each session is a synchronous channel
/// (data, trigger, device clear completion) and an asynchronous one (status, lock, device clear, maximum
/// message size). Devices are addressed by sub-address ("hislip0"). A bad header ends that session with
/// FatalError; an unknown message is answered with Error; other sessions are never disturbed.
/// </summary>
public sealed class HiSlipServer : IAsyncDisposable
{
    private const int MaxSubAddressLength = 256;

    private readonly Dictionary<string, (IMessageDevice Device, DeviceLock Lock)> _devices;
    private readonly ConcurrentDictionary<ushort, HiSlipServerSession> _sessions = new();
    private readonly TcpAcceptor _acceptor;
    private readonly Lock _gate = new();
    private int _nextSessionId;

    private HiSlipServer(IReadOnlyDictionary<string, IMessageDevice> devices, HiSlipServerOptions options)
    {
        Options = options;
        _devices = devices.ToDictionary(d => d.Key, d => (d.Value, new DeviceLock(options.Clock)), StringComparer.OrdinalIgnoreCase);
        _acceptor = TcpAcceptor.Start(new IPEndPoint(options.Address, options.Port), ServeConnectionAsync, options.ClientFaults);
    }

    /// <summary>How it serves.</summary>
    public HiSlipServerOptions Options { get; }

    /// <summary>The address and port it listens on.</summary>
    public IPEndPoint EndPoint => _acceptor.EndPoint;

    /// <summary>The resource string of the first device (the port is named unless it is 4880).</summary>
    public string ResourceString => ResourceStringOf(_devices.Keys.First());

    /// <summary>Sessions open now.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>Starts serving <paramref name="device"/> as "hislip0" (default 127.0.0.1:4880; set the port to 0 for any free port).</summary>
    public static HiSlipServer Start(IMessageDevice device, HiSlipServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Start(new Dictionary<string, IMessageDevice> { ["hislip0"] = device }, options);
    }

    /// <summary>Starts serving several devices, each under its sub-address ("hislip0", "hislip1").</summary>
    public static HiSlipServer Start(IReadOnlyDictionary<string, IMessageDevice> devices, HiSlipServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0)
        {
            throw new ArgumentException("A HiSLIP server needs at least one device.", nameof(devices));
        }

        return new HiSlipServer(devices, options ?? new HiSlipServerOptions());
    }

    /// <summary>The resource string of the device at <paramref name="subAddress"/>.</summary>
    public string ResourceStringOf(string subAddress)
    {
        var host = EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{EndPoint.Address}]" : EndPoint.Address.ToString();
        var port = EndPoint.Port == HiSlipServerOptions.StandardPort ? "" : $",{EndPoint.Port}";
        return $"TCPIP0::{host}::{subAddress}{port}::INSTR";
    }

    /// <summary>Stops serving and closes every session.</summary>
    public ValueTask DisposeAsync() => _acceptor.DisposeAsync();

    internal void Remove(HiSlipServerSession session) => _sessions.TryRemove(session.Id, out _);

    private static ValueTask FatalAsync(HiSlipChannel channel, HiSlipFatalError code, string text, CancellationToken cancellationToken) =>
        channel.SendAsync(HiSlipMessageType.FatalError, (byte)code, 0, Encoding.ASCII.GetBytes(text), cancellationToken);

    private async Task ServeConnectionAsync(Socket socket, CancellationToken stopping)
    {
        var channel = new HiSlipChannel(socket);
        HiSlipHeader first;
        try
        {
            first = await channel.ReadHeaderAsync(stopping);
        }
        catch (HiSlipFormatException e)
        {
            await FatalAsync(channel, HiSlipFatalError.PoorlyFormedHeader, e.Message, stopping);
            return;
        }

        switch (first.Type)
        {
            case HiSlipMessageType.Initialize:
                await InitializeAsync(channel, first, stopping);
                break;
            case HiSlipMessageType.AsyncInitialize:
                await AsyncInitializeAsync(channel, first, stopping);
                break;
            default:
                await FatalAsync(channel, HiSlipFatalError.InvalidInitializationSequence, $"a connection must start with Initialize or AsyncInitialize, not {first.Type} (IVI-6.1 §6.1).", stopping);
                break;
        }
    }

    /// <summary>IVI-6.1 §6.1 steps 1–2: Initialize on the synchronous channel opens a session.</summary>
    private async Task InitializeAsync(HiSlipChannel channel, HiSlipHeader header, CancellationToken stopping)
    {
        if (header.PayloadLength > MaxSubAddressLength)
        {
            await FatalAsync(channel, HiSlipFatalError.InvalidInitializationSequence, $"a sub-address of {header.PayloadLength} bytes; at most {MaxSubAddressLength} are accepted.", stopping);
            return;
        }

        var subAddress = Encoding.ASCII.GetString(await channel.ReadPayloadAsync(header.PayloadLength, MaxSubAddressLength, stopping));
        var name = subAddress.Length == 0 ? _devices.Keys.First() : subAddress;
        if (!_devices.TryGetValue(name, out var device))
        {
            await FatalAsync(channel, HiSlipFatalError.Unidentified, $"there is no device at sub-address '{subAddress}'; this server has {string.Join(", ", _devices.Keys)}.", stopping);
            return;
        }

        HiSlipServerSession session;
        lock (_gate)
        {
            if (_sessions.Count >= Options.MaxSessions)
            {
                session = null!;
            }
            else
            {
                ushort id;
                do
                {
                    id = (ushort)Interlocked.Increment(ref _nextSessionId);
                }
                while (id == 0 || _sessions.ContainsKey(id));

                session = new HiSlipServerSession(this, id, device.Device.Connect(), device.Lock, channel);
                _sessions[id] = session;
            }
        }

        if (session is null)
        {
            await FatalAsync(channel, HiSlipFatalError.TooManyClients, $"this server takes at most {Options.MaxSessions} sessions.", stopping);
            return;
        }

        // InitializeResponse: control code 0 prefers synchronized mode; parameter = version << 16 | session ID.
        await channel.SendAsync(HiSlipMessageType.InitializeResponse, 0, ((uint)HiSlipHeader.Version10 << 16) | session.Id, stopping);
        await session.RunSynchronousAsync(stopping);
    }

    /// <summary>IVI-6.1 §6.1 steps 3–4: AsyncInitialize on a second connection joins the session named in its parameter.</summary>
    private async Task AsyncInitializeAsync(HiSlipChannel channel, HiSlipHeader header, CancellationToken stopping)
    {
        await channel.SkipPayloadAsync(header.PayloadLength, stopping);
        if (!_sessions.TryGetValue((ushort)header.Parameter, out var session) || !session.TryAttachAsynchronous(channel))
        {
            await FatalAsync(channel, HiSlipFatalError.InvalidInitializationSequence, $"AsyncInitialize names session {header.Parameter}, which has no synchronous channel waiting for it.", stopping);
            return;
        }

        await channel.SendAsync(HiSlipMessageType.AsyncInitializeResponse, 0, ('S' << 8) | 'T', stopping);
        await session.RunAsynchronousAsync(stopping);
    }
}
