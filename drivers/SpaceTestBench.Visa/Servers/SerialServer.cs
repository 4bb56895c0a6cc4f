using SpaceTestBench.Visa.Protocols.Serial;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// Serves a device on a serial line (a real port, or one end of a pseudo-terminal pair for a simulated
/// instrument): program messages end at LF, responses are written whole. Serial is point to point, so
/// there is one client and one device session.
/// </summary>
public sealed class SerialServer : IAsyncDisposable
{
    private readonly ISerialLine _line;
    private readonly IDeviceSession _session;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly Action<Exception>? _faults;

    private SerialServer(ISerialLine line, IDeviceSession session, string devicePath, Action<Exception>? faults)
    {
        _line = line;
        _session = session;
        _faults = faults;
        DevicePath = devicePath;
        _loop = ServeAsync();
    }

    /// <summary>The device the server is on.</summary>
    public string DevicePath { get; }

    /// <summary>Starts serving <paramref name="device"/> on the serial line at <paramref name="devicePath"/>.</summary>
    public static SerialServer Start(IMessageDevice device, string devicePath, SerialSettings? settings = null, Action<Exception>? faults = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(devicePath);
        settings ??= new SerialSettings();
        ISerialLine line = settings.Driver == SerialDriver.SystemIOPorts || (settings.Driver == SerialDriver.Auto && !OperatingSystem.IsLinux())
            ? new PortsSerialLine(devicePath, settings)
            : TermiosSerialLine.Open(devicePath, settings);
        return new SerialServer(line, device.Connect(), devicePath, faults);
    }

    /// <summary>Stops serving and closes the line.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop;
        _line.Dispose();
        _session.Dispose();
        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        using var input = new ProgramMessageBuffer(SocketServer.DefaultMaxMessageBytes);
        try
        {
            while (true)
            {
                if (!input.TryGetSpace(4096, out var space))
                {
                    input.Clear(); // an endless message is dropped rather than allowed to exhaust memory
                    continue;
                }

                var received = await _line.ReadAsync(space, _stopping.Token);
                input.Advance(received);
                while (input.TryTakeMessage(end: false, out var message))
                {
                    var response = _session.ExecuteSequence(message);
                    foreach (var segment in response)
                    {
                        await _line.WriteAsync(segment, _stopping.Token);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a failing line is reported, not thrown into the void of a background task
        catch (Exception e)
#pragma warning restore CA1031
        {
            _faults?.Invoke(e);
        }
    }
}
