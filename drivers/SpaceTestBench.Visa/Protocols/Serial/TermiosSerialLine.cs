using System.IO.Ports;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Visa.Protocols.Serial;

/// <summary>
/// A serial line on Linux through termios directly: raw mode with VMIN=0/VTIME=1, so a blocked read wakes
/// the moment a byte arrives (no polling delay) and returns every 100 ms with nothing, which is when
/// cancellation is noticed. Measured against System.IO.Ports in perf/ (SerialBenchmarks).
/// </summary>
internal sealed unsafe class TermiosSerialLine : ISerialLine
{
    private readonly SafeFileHandle _handle;
    private volatile bool _disposed;

    private TermiosSerialLine(SafeFileHandle handle) => _handle = handle;

    public static TermiosSerialLine Open(string path, SerialSettings settings)
    {
        var speed = Termios.SpeedCode(settings.BaudRate)
            ?? throw new ArgumentException($"{settings.BaudRate} baud has no termios constant; use {nameof(SerialDriver)}.{nameof(SerialDriver.SystemIOPorts)} for non-standard rates.", nameof(settings));

        // O_NONBLOCK only for open(2), so a port without carrier cannot hang it; reads block (with VTIME) afterwards.
        var fd = Termios.Open(path, Termios.OpenReadWrite | Termios.OpenNoControllingTerminal | Termios.OpenNonBlocking | Termios.OpenCloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"cannot open {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            Configure(fd, path, speed, settings);
            return new TermiosSerialLine(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        new(Task.Run(() => ReadBlocking(buffer, cancellationToken), cancellationToken));

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var pin = data.Pin();
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            var offset = 0;
            while (offset < data.Length)
            {
                var written = Termios.Write((int)_handle.DangerousGetHandle(), (byte*)pin.Pointer + offset, data.Length - offset);
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno is Termios.Interrupted or Termios.TryAgain)
                    {
                        continue;
                    }

                    throw new IOException($"write to the serial line failed: {Marshal.GetPInvokeErrorMessage(errno)}");
                }

                offset += (int)written;
            }
        }
        finally
        {
            _handle.DangerousRelease();
        }

        return ValueTask.CompletedTask;
    }

    public void DiscardInput()
    {
        if (Termios.Flush((int)_handle.DangerousGetHandle(), Termios.FlushInput) != 0)
        {
            throw new IOException($"tcflush failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    // A read blocked in another thread keeps the descriptor open (SafeHandle reference) until it returns.
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    private static void Configure(int fd, string path, uint speed, SerialSettings settings)
    {
        var termios = stackalloc byte[Termios.Size];
        if (Termios.GetAttributes(fd, termios) != 0)
        {
            throw new IOException($"{path} is not a serial line (tcgetattr: {Marshal.GetLastPInvokeErrorMessage()}).");
        }

        Termios.MakeRaw(termios);
        var control = (uint*)(termios + Termios.ControlFlags);
        var input = (uint*)(termios + Termios.InputFlags);
        *control &= ~(Termios.CharacterSizeMask | Termios.TwoStopBits | Termios.ParityEnable | Termios.OddParity | Termios.StickParity | Termios.HardwareFlowControl);
        *control |= Termios.EnableReceiver | Termios.IgnoreModemLines | (settings.DataBits switch
        {
            5 => 0u, 6 => 0x10u, 7 => 0x20u, 8 => 0x30u,
            _ => throw new ArgumentException($"{settings.DataBits} data bits: a serial line has 5 to 8.", nameof(settings)),
        });
        *control |= settings.StopBits switch
        {
            StopBits.One => 0,
            StopBits.Two => Termios.TwoStopBits,
            _ => throw new ArgumentException($"{settings.StopBits} stop bits are not available through termios; use one or two.", nameof(settings)),
        };
        *control |= settings.Parity switch
        {
            Parity.None => 0,
            Parity.Even => Termios.ParityEnable,
            Parity.Odd => Termios.ParityEnable | Termios.OddParity,
            Parity.Mark => Termios.ParityEnable | Termios.OddParity | Termios.StickParity,
            _ => Termios.ParityEnable | Termios.StickParity,
        };
        *input &= ~(Termios.SoftwareFlowOut | Termios.SoftwareFlowIn);
        switch (settings.FlowControl)
        {
            case Handshake.RequestToSend:
                *control |= Termios.HardwareFlowControl;
                break;
            case Handshake.XOnXOff:
                *input |= Termios.SoftwareFlowOut | Termios.SoftwareFlowIn;
                break;
            case Handshake.RequestToSendXOnXOff:
                *control |= Termios.HardwareFlowControl;
                *input |= Termios.SoftwareFlowOut | Termios.SoftwareFlowIn;
                break;
        }

        termios[Termios.ControlCharacters + Termios.VMin] = 0;
        termios[Termios.ControlCharacters + Termios.VTime] = 1;
        if (Termios.SetSpeed(termios, speed) != 0 || Termios.SetAttributes(fd, Termios.Now, termios) != 0 || Termios.Fcntl(fd, Termios.SetFileStatusFlags, 0) != 0)
        {
            throw new IOException($"cannot configure {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    private int ReadBlocking(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        using var pin = buffer.Pin();
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ObjectDisposedException.ThrowIf(_disposed, this);

                var read = Termios.Read((int)_handle.DangerousGetHandle(), (byte*)pin.Pointer, buffer.Length);
                if (read > 0)
                {
                    return (int)read;
                }

                if (read < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno is not (Termios.Interrupted or Termios.TryAgain))
                    {
                        // EIO: the other end of a pty closed, or the adapter was unplugged.
                        throw new IOException($"the serial line failed: {Marshal.GetPInvokeErrorMessage(errno)}");
                    }
                }

                // 0: VTIME passed with nothing to read; look at the token again.
            }
        }
        finally
        {
            _handle.DangerousRelease();
        }
    }
}
