using System.Buffers.Binary;

namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>Reads XDR (RFC 4506) from a received message; running past its end is <see cref="XdrFormatException"/>.</summary>
internal ref struct XdrReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Remaining => _data.Length - _position;

    public uint UInt32()
    {
        if (Remaining < 4)
        {
            throw new XdrFormatException($"the message ends {Remaining} bytes into a 4-byte field.");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public int Int32() => unchecked((int)UInt32());

    public bool Bool() => UInt32() switch
    {
        0 => false,
        1 => true,
        var other => throw new XdrFormatException($"{other} is not an XDR boolean."),
    };

    /// <summary>Variable-length opaque data of at most <paramref name="maximum"/> bytes.</summary>
    public ReadOnlySpan<byte> Opaque(int maximum = int.MaxValue)
    {
        var length = UInt32();
        if (length > (uint)maximum)
        {
            throw new XdrFormatException($"opaque data of {length} bytes exceeds its limit of {maximum}.");
        }

        var padded = XdrWriter.Padded((int)length);
        if (length > (uint)Remaining || padded > Remaining)
        {
            throw new XdrFormatException($"opaque data of {length} bytes runs past the end of the message.");
        }

        var value = _data.Slice(_position, (int)length);
        _position += padded;
        return value;
    }

    public string String(int maximum = int.MaxValue) => System.Text.Encoding.ASCII.GetString(Opaque(maximum));
}
