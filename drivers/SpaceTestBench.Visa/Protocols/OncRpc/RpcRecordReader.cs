using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>
/// Reads ONC RPC records over TCP (RFC 5531 §11 record marking): each fragment starts with a 4-byte mark,
/// bit 31 set on the last fragment, bits 0–30 its length. Fields are read across fragment boundaries, so a
/// record split into many fragments reads the same as one.
/// </summary>
internal sealed class RpcRecordReader(SocketReader reader)
{
    private uint _fragmentRemaining;
    private bool _lastFragment = true;
    private readonly byte[] _scalar = new byte[4];

    /// <summary>Starts reading the next record.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask BeginAsync(CancellationToken cancellationToken)
    {
        if (!_lastFragment || _fragmentRemaining != 0)
        {
            throw new InvalidOperationException("The previous record was not read to its end.");
        }

        await NextFragmentAsync(cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<uint> ReadUInt32Async(CancellationToken cancellationToken)
    {
        if (_fragmentRemaining >= 4 && reader.Buffered >= 4)
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(reader.BufferedSpan);
            reader.Advance(4);
            _fragmentRemaining -= 4;
            return value;
        }

        await ReadExactAsync(_scalar, cancellationToken);
        return BinaryPrimitives.ReadUInt32BigEndian(_scalar);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadExactAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (!destination.IsEmpty)
        {
            await EnsureFragmentAsync(cancellationToken);
            var take = (int)Math.Min(_fragmentRemaining, (uint)destination.Length);
            await reader.ReadExactAsync(destination[..take], cancellationToken);
            _fragmentRemaining -= (uint)take;
            destination = destination[take..];
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            await EnsureFragmentAsync(cancellationToken);
            var take = Math.Min(_fragmentRemaining, count);
            await reader.SkipAsync(take, cancellationToken);
            _fragmentRemaining -= (uint)take;
            count -= take;
        }
    }

    /// <summary>Discards whatever is left of the current record.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask EndAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await reader.SkipAsync(_fragmentRemaining, cancellationToken);
            _fragmentRemaining = 0;
            if (_lastFragment)
            {
                return;
            }

            await NextFragmentAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Reads a whole record into <paramref name="buffer"/> (grown up to <paramref name="limit"/> bytes) and
    /// returns its length. A longer record is read to its end and reported as oversized,
    /// keeping its first bytes (the xid) so the server can still answer it.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(int Length, bool Oversized)> ReadRecordAsync(RecordBuffer buffer, int limit, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        var length = 0;
        var oversized = false;
        while (true)
        {
            var take = (int)Math.Min(_fragmentRemaining, (uint)Math.Max(0, limit - length));
            if (take > 0)
            {
                var space = buffer.Reserve(length + take);
                await reader.ReadExactAsync(space.AsMemory(length, take), cancellationToken);
                _fragmentRemaining -= (uint)take;
                length += take;
            }

            if (_fragmentRemaining > 0)
            {
                oversized = true;
                await reader.SkipAsync(_fragmentRemaining, cancellationToken);
                _fragmentRemaining = 0;
            }

            if (_lastFragment)
            {
                return (length, oversized);
            }

            await NextFragmentAsync(cancellationToken);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask EnsureFragmentAsync(CancellationToken cancellationToken)
    {
        while (_fragmentRemaining == 0)
        {
            if (_lastFragment)
            {
                throw new XdrFormatException("the record ended before the message did.");
            }

            await NextFragmentAsync(cancellationToken);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask NextFragmentAsync(CancellationToken cancellationToken)
    {
        await reader.EnsureAsync(4, cancellationToken);
        var mark = BinaryPrimitives.ReadUInt32BigEndian(reader.BufferedSpan);
        reader.Advance(4);
        _lastFragment = (mark & 0x8000_0000u) != 0;
        _fragmentRemaining = mark & 0x7FFF_FFFFu;
    }
}
