namespace SpaceTestBench.Visa.Protocols.Serial;

/// <summary>An open serial line: bytes in, bytes out. Two drivers: termios (Linux) and System.IO.Ports.</summary>
internal interface ISerialLine : IDisposable
{
    /// <summary>Waits for at least one byte and returns how many were read; end of line (the other side hung up) is <see cref="IOException"/>.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Drops what the driver has received and not yet read.</summary>
    void DiscardInput();
}
