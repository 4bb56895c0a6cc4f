using System.Buffers;

namespace SpaceTestBench.Visa.Protocols;

/// <summary>Chains pieces of memory into one <see cref="ReadOnlySequence{T}"/> without copying them.</summary>
internal static class Sequences
{
    public static ReadOnlySequence<byte> Concat(IEnumerable<ReadOnlyMemory<byte>> parts)
    {
        Segment? first = null;
        Segment? last = null;
        foreach (var part in parts)
        {
            if (part.IsEmpty)
            {
                continue;
            }

            var segment = new Segment(part, last is null ? 0 : last.RunningIndex + last.Memory.Length);
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.SetNext(segment);
            }

            last = segment;
        }

        return first is null ? ReadOnlySequence<byte>.Empty
            : first == last ? new ReadOnlySequence<byte>(first.Memory)
            : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    public static ReadOnlySequence<byte> Append(ReadOnlySequence<byte> sequence, ReadOnlyMemory<byte> tail) =>
        tail.IsEmpty ? sequence : Concat(Parts(sequence).Append(tail));

    private static IEnumerable<ReadOnlyMemory<byte>> Parts(ReadOnlySequence<byte> sequence)
    {
        foreach (var memory in sequence)
        {
            yield return memory;
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
