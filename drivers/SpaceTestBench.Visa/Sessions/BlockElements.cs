using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>The element types binary blocks carry, and their byte order on the wire.</summary>
internal static class BlockElements
{
    public static int ElementSize<T>() where T : unmanaged
    {
        var type = typeof(T);
        if (type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort) ||
            type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong) ||
            type == typeof(float) || type == typeof(double))
        {
            return Marshal.SizeOf<T>();
        }

        throw new NotSupportedException($"Binary blocks of {type.Name} are not supported; use byte, sbyte, short, ushort, int, uint, long, ulong, float or double.");
    }

    public static void ToMachineOrder<T>(Span<byte> bytes, ByteOrder order) where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        if (size == 1 || (order == ByteOrder.LittleEndian) == BitConverter.IsLittleEndian)
        {
            return;
        }

        switch (size)
        {
            case 2:
                var shorts = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            default:
                var longs = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }
}
