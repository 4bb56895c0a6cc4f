using System.Buffers;
using System.Runtime.InteropServices;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// A <see cref="Memory{T}"/> of bytes over an array of <typeparamref name="T"/>, so a block of numbers is
/// received straight into the array the caller gets back, with no staging copy.
/// </summary>
internal sealed class ArrayByteMemory<T>(T[] array) : MemoryManager<byte> where T : unmanaged
{
    private GCHandle _pin;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan());

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        if (!_pin.IsAllocated)
        {
            _pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        }

        unsafe
        {
            return new MemoryHandle((byte*)_pin.AddrOfPinnedObject() + elementIndex);
        }
    }

    public override void Unpin()
    {
        // Pinned until disposed: sockets pin and unpin per operation, and the array is short-lived anyway.
    }

    protected override void Dispose(bool disposing)
    {
        if (_pin.IsAllocated)
        {
            _pin.Free();
        }
    }
}
