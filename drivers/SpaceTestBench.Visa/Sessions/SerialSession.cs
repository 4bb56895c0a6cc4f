using System.Globalization;
using System.Runtime.CompilerServices;
using SpaceTestBench.Visa.Protocols.Serial;
using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// A serial session (<c>ASRLn::INSTR</c>, <c>ASRL/dev/ttyUSB0::INSTR</c>, <c>COMn</c>; IVI <c>ISerialSession</c>).
/// Serial has no END, so responses end at the read termination character (LF by default), which is
/// enabled. On Linux the line is driven through termios directly; System.IO.Ports there polls and adds
/// about a millisecond per direction (see <see cref="SerialDriver"/>).
/// </summary>
public sealed class SerialSession : MessageBasedSession
{
    private readonly ISerialLine _line;
    private readonly ReceiveBuffer _receive = new(4096);
    private bool _stale;

    private SerialSession(ResourceName resource, VisaOpenOptions options, ISerialLine line, string devicePath)
        : base(resource, options)
    {
        _line = line;
        DevicePath = devicePath;
        Settings = options.Serial;
        TerminationCharacter = options.Serial.ReadTermination;
        TerminationCharacterEnabled = true;
    }

    /// <summary>The device the resource resolved to (e.g. /dev/ttyUSB0, COM3).</summary>
    public string DevicePath { get; }

    /// <summary>The line settings in use.</summary>
    public SerialSettings Settings { get; }

    /// <summary>
    /// Opens the serial port the resource names. <c>ASRLn</c> is <c>/dev/ttyS(n-1)</c> on Linux (COMn ↔ ASRLn,
    /// COM1 being ttyS0) and <c>COMn</c> on Windows; any other device is named by path.
    /// </summary>
    public static Task<SerialSession> OpenAsync(ResourceName resource, VisaOpenOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        if (resource.Interface != InterfaceType.Asrl)
        {
            throw new ResourceNameException(resource.Original, $"{resource.Canonical} is not a serial resource.");
        }

        var path = resource.SerialDevicePath ?? DevicePathOf(resource);
        var driver = options.Serial.Driver == SerialDriver.Auto
            ? (OperatingSystem.IsLinux() ? SerialDriver.Termios : SerialDriver.SystemIOPorts)
            : options.Serial.Driver;
        try
        {
            ISerialLine line = driver == SerialDriver.Termios ? TermiosSerialLine.Open(path, options.Serial) : new PortsSerialLine(path, options.Serial);
            return Task.FromResult(new SerialSession(resource, options, line, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new VisaConnectionLostException(resource.Original, $"cannot open the serial port {path}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var token = BeginOperation(cancellationToken);
        try
        {
            if (_stale)
            {
                DiscardInput();
            }

            await _line.WriteAsync(data, token);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            throw Translate(e, "write", cancellationToken);
        }
        finally
        {
            EndOperation();
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return new ReadResult(0, ReadStatus.MaximumCountReached);
        }

        var token = BeginOperation(cancellationToken);
        try
        {
            if (_receive.IsEmpty)
            {
                _receive.Filled(await _line.ReadAsync(_receive.Array, token));
            }

            return _receive.Take(buffer.Span, TerminationCharacterEnabled, TerminationCharacter);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            _stale = true;
            throw Translate(e, "read a response", cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _stale = true;
            throw;
        }
        finally
        {
            EndOperation();
        }
    }

    /// <inheritdoc />
    public override Task ClearAsync(CancellationToken cancellationToken = default)
    {
        // VISA viClear on ASRL: flush the buffers (there is no device-clear signal on a serial line).
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        FormattedIO.DiscardBuffers();
        DiscardInput();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<StatusByteFlags> ReadStatusByteAsync(CancellationToken cancellationToken = default) =>
        QueryStatusByteAsync(cancellationToken); // no serial poll on this transport

    /// <inheritdoc />
    protected override ValueTask DisposeCoreAsync()
    {
        _line.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string DevicePathOf(ResourceName resource)
    {
        if (resource.Board < 1)
        {
            throw new ResourceNameException(resource.Original, $"{resource.Canonical} names no serial port (ASRL numbers start at 1, ASRL1 = COM1); give the device, e.g. ASRL/dev/ttyUSB0::INSTR.");
        }

        if (OperatingSystem.IsWindows())
        {
            return $"COM{resource.Board}";
        }

        return OperatingSystem.IsLinux()
            ? $"/dev/ttyS{resource.Board - 1}"
            : throw new ResourceNameException(resource.Original, $"{resource.Canonical} has no standard device on this system; name it, e.g. ASRL/dev/tty.usbserial::INSTR.");
    }

    private void DiscardInput()
    {
        _receive.Clear();
        _stale = false;
        _line.DiscardInput();
    }
}
