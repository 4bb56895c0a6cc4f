using System.IO.Ports;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Visa.Protocols.Serial;

/// <summary>
/// A serial line through System.IO.Ports. Portable, but on Linux its stream polls (dotnet/runtime#45635),
/// adding about 1 ms to each direction of a query.
/// </summary>
internal sealed class PortsSerialLine : ISerialLine
{
    private readonly SerialPort _port;

    public PortsSerialLine(string path, SerialSettings settings)
    {
        _port = new SerialPort(path, settings.BaudRate, settings.Parity, settings.DataBits, settings.StopBits) { Handshake = settings.FlowControl };
        try
        {
            _port.Open();
        }
        catch
        {
            _port.Dispose();
            throw;
        }
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await _port.BaseStream.ReadAsync(buffer, cancellationToken);
        return read > 0 ? read : throw new IOException("the serial port reported end of stream.");
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _port.BaseStream.WriteAsync(data, cancellationToken);
        await _port.BaseStream.FlushAsync(cancellationToken);
    }

    public void DiscardInput() => _port.DiscardInBuffer();

    public void Dispose() => _port.Dispose();
}
