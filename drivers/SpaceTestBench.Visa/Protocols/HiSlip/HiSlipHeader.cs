using System.Buffers.Binary;

namespace SpaceTestBench.Visa.Protocols.HiSlip;

/// <summary>
/// The 16-byte HiSLIP message header (IVI-6.1 §2.2): prologue "HS", message type, control code, a 32-bit
/// message parameter and a 64-bit payload length, all big-endian.
/// </summary>
internal readonly record struct HiSlipHeader(HiSlipMessageType Type, byte ControlCode, uint Parameter, ulong PayloadLength)
{
    public const int Size = 16;

    /// <summary>The first message ID a client uses, and uses again after a device clear (IVI-6.1 §3.1.2).</summary>
    public const uint FirstMessageId = 0xFFFF_FF00;

    /// <summary>The message ID a server may put on any response (IVI-6.1 §3.1.2).</summary>
    public const uint AnyMessageId = 0xFFFF_FFFF;

    /// <summary>HiSLIP 1.0 as version fields carry it (major &lt;&lt; 8 | minor).</summary>
    public const ushort Version10 = 0x0100;

    /// <summary>Control code bit 0 of Data, DataEND, Trigger and AsyncStatusQuery: the previous response was read.</summary>
    public const byte RmtDelivered = 1;

    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)'H';
        destination[1] = (byte)'S';
        destination[2] = (byte)Type;
        destination[3] = ControlCode;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Parameter);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], PayloadLength);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        Write(bytes);
        return bytes;
    }

    /// <summary>Decodes a header; false if the prologue is not "HS" (IVI-6.1 §6.2: a poorly formed header).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out HiSlipHeader header)
    {
        if (source[0] != 'H' || source[1] != 'S')
        {
            header = default;
            return false;
        }

        header = new HiSlipHeader(
            (HiSlipMessageType)source[2], source[3], BinaryPrimitives.ReadUInt32BigEndian(source[4..]), BinaryPrimitives.ReadUInt64BigEndian(source[8..]));
        return true;
    }
}
