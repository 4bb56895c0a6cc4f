using System.Buffers.Binary;

namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>
/// Writes XDR (RFC 4506) into a growable buffer: every scalar takes 4 big-endian bytes, opaque data and
/// strings are a length, the bytes and zero padding to a multiple of 4. The first 4 bytes are reserved
/// for the ONC RPC record mark (RFC 5531 §11) so a message leaves in one send.
/// </summary>
internal sealed class XdrWriter
{
    private byte[] _buffer = new byte[512];

    /// <summary>Bytes written after the record mark.</summary>
    public int Length { get; private set; }

    /// <summary>Starts a new record.</summary>
    public XdrWriter Reset()
    {
        Length = 0;
        return this;
    }

    public XdrWriter UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Space(4), value);
        Length += 4;
        return this;
    }

    public XdrWriter Int32(int value) => UInt32(unchecked((uint)value));

    public XdrWriter Bool(bool value) => UInt32(value ? 1u : 0u);

    /// <summary>Variable-length opaque data (RFC 4506 §4.10).</summary>
    public XdrWriter Opaque(ReadOnlySpan<byte> data)
    {
        UInt32((uint)data.Length);
        var padded = Padded(data.Length);
        var space = Space(padded);
        data.CopyTo(space);
        space[data.Length..padded].Clear();
        Length += padded;
        return this;
    }

    /// <summary>An ASCII string (RFC 4506 §4.11).</summary>
    public XdrWriter String(string value)
    {
        Span<byte> ascii = value.Length <= 256 ? stackalloc byte[value.Length] : new byte[value.Length];
        System.Text.Encoding.ASCII.GetBytes(value, ascii);
        return Opaque(ascii);
    }

    /// <summary>
    /// The record with its mark (one last fragment) in front; <paramref name="trailingBytes"/> more bytes
    /// of the same record will be sent after it.
    /// </summary>
    public ReadOnlyMemory<byte> Record(long trailingBytes = 0)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer, 0x8000_0000u | (uint)(Length + trailingBytes));
        return _buffer.AsMemory(0, 4 + Length);
    }

    /// <summary>The message without a record mark (UDP datagrams).</summary>
    public ReadOnlyMemory<byte> Datagram() => _buffer.AsMemory(4, Length);

    public static int Padded(int length) => (length + 3) & ~3;

    private Span<byte> Space(int count)
    {
        if (4 + Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(4 + Length + count, _buffer.Length * 2));
        }

        return _buffer.AsSpan(4 + Length, count);
    }
}
