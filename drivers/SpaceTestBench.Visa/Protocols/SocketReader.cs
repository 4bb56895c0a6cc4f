using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace SpaceTestBench.Visa.Protocols;

/// <summary>
/// Buffered reading of a framed byte stream (HiSLIP headers, ONC RPC records): small fields come from one
/// receive buffer, large payloads go straight into their destination. End of stream is
/// <see cref="EndOfStreamException"/>, never a short read.
/// </summary>
internal sealed class SocketReader(Socket socket, int bufferSize = 64 * 1024)
{
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(bufferSize);
    private int _start;
    private int _end;

    public int Buffered => _end - _start;

    public ReadOnlySpan<byte> BufferedSpan => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Makes at least <paramref name="count"/> bytes (≤ the buffer size) available in <see cref="BufferedSpan"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask EnsureAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        while (_end < count)
        {
            var received = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                throw new EndOfStreamException();
            }

            _end += received;
        }
    }

    public void Advance(int count) => _start += count;

    /// <summary>
    /// Receives once into the buffer (at least one byte). Not an async method, so a caller that awaits it
    /// directly resumes straight from the socket, without a chain of state machines in between.
    /// </summary>
    public ValueTask<int> ReceiveMoreAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidOperationException("The receive buffer is full; read from it first.");
        }

        return socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
    }

    /// <summary>Accounts for <paramref name="received"/> bytes from <see cref="ReceiveMoreAsync"/>; 0 is end of stream.</summary>
    public void Received(int received)
    {
        if (received == 0)
        {
            throw new EndOfStreamException();
        }

        _end += received;
    }

    /// <summary>True if the buffer holds a whole ONC RPC record (every fragment) from its first byte.</summary>
    public bool HoldsWholeRecord()
    {
        var span = BufferedSpan;
        var offset = 0;
        while (offset + 4 <= span.Length)
        {
            var mark = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
            offset += 4 + (int)Math.Min(mark & 0x7FFF_FFFFu, int.MaxValue - 8);
            if (offset > span.Length)
            {
                return false;
            }

            if ((mark & 0x8000_0000u) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fills <paramref name="destination"/>: first from the buffer, then directly from the socket.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadExactAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var take = Math.Min(_end - _start, destination.Length);
        _buffer.AsSpan(_start, take).CopyTo(destination.Span);
        _start += take;
        destination = destination[take..];
        while (!destination.IsEmpty)
        {
            if (destination.Length < _buffer.Length / 4)
            {
                // Small remainders go through the buffer so the next header arrives in the same receive.
                await EnsureAsync(Math.Min(destination.Length, _buffer.Length), cancellationToken);
                take = Math.Min(_end - _start, destination.Length);
                _buffer.AsSpan(_start, take).CopyTo(destination.Span);
                _start += take;
                destination = destination[take..];
                continue;
            }

            var received = await socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                throw new EndOfStreamException();
            }

            destination = destination[received..];
        }
    }

    /// <summary>Reads whatever is available (at least one byte) into <paramref name="destination"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadSomeAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_end > _start)
        {
            var take = Math.Min(_end - _start, destination.Length);
            _buffer.AsSpan(_start, take).CopyTo(destination.Span);
            _start += take;
            return take;
        }

        var received = await socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken);
        return received == 0 ? throw new EndOfStreamException() : received;
    }

    /// <summary>Discards <paramref name="count"/> bytes (an unwanted payload).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_end == _start)
            {
                await EnsureAsync(1, cancellationToken);
            }

            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    /// <summary>Drops buffered bytes and whatever the socket already holds.</summary>
    public void DiscardAvailable()
    {
        _start = _end = 0;
        while (socket.Available > 0)
        {
            _ = socket.Receive(_buffer, SocketFlags.None);
        }
    }
}
