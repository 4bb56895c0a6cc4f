using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>Writing IEEE 488.2 §7.7.6 arbitrary block program data.</summary>
public sealed partial class MessageBasedFormattedIO
{
    /// <summary>
    /// Writes <paramref name="command"/>, then <paramref name="data"/> as a definite length block, then LF,
    /// as one message (e.g. <c>WriteBinaryAsync("TRAC:DATA ", samples)</c>).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteBinaryAsync<T>(string command, ReadOnlyMemory<T> data, ByteOrder? byteOrder = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(command);
        _ = BlockElements.ElementSize<T>();
        var body = MemoryMarshal.AsBytes(data.Span);
        var header = BlockHeader(body.Length);
        var total = command.Length + header.Length + body.Length + 1;
        var (prefix, prefixLength) = Encode(command, newline: false);
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            prefix.AsSpan(0, prefixLength).CopyTo(buffer);
            header.CopyTo(buffer.AsSpan(prefixLength));
            var target = buffer.AsSpan(prefixLength + header.Length, body.Length);
            body.CopyTo(target);
            BlockElements.ToMachineOrder<T>(target, byteOrder ?? BinaryByteOrder);
            buffer[total - 1] = (byte)'\n';
            await _session.RawIO.WriteAsync(buffer.AsMemory(0, total), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prefix);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes <paramref name="command"/>, then <paramref name="data"/> as a definite length block, then LF, as one message.</summary>
    public ValueTask WriteBinaryAsync<T>(string command, T[] data, ByteOrder? byteOrder = null, CancellationToken cancellationToken = default)
        where T : unmanaged =>
        WriteBinaryAsync(command, new ReadOnlyMemory<T>(data), byteOrder, cancellationToken);

    /// <summary>The header of a definite length block of <paramref name="length"/> bytes: "#" n digits length.</summary>
    public static byte[] BlockHeader(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var digits = length.ToString(CultureInfo.InvariantCulture);
        if (digits.Length > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "IEEE 488.2 §8.7.9: a definite length block has at most 9 length digits.");
        }

        return System.Text.Encoding.ASCII.GetBytes($"#{digits.Length}{digits}");
    }
}
