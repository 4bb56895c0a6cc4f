using System.Buffers;
using System.Globalization;
using SpaceTestBench.Visa.Protocols;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// Builds one response message (IEEE 488.2 §8.4): units separated by ';', terminated by LF. Text goes into
/// a buffer reused from message to message; blocks are referenced, not copied, so a 100 MB waveform costs
/// one header. The result is a <see cref="ReadOnlySequence{T}"/> of text and block segments.
/// </summary>
internal sealed class ScpiResponseWriter
{
    private readonly List<(int TextEnd, ReadOnlyMemory<byte> Block)> _blocks = [];
    private byte[] _text = new byte[256];
    private int _length;
    private int _units;

    public int UnitCount => _units;

    public void Reset()
    {
        _length = 0;
        _units = 0;
        _blocks.Clear();
    }

    public void Append(ScpiResponse response)
    {
        if (_units++ > 0)
        {
            Ensure(1);
            _text[_length++] = (byte)';';
        }

        if (response.Text is { } text)
        {
            Ensure(text.Length);
            foreach (var c in text)
            {
                // Response data is 7-bit ASCII (IEEE 488.2 §8.7); anything else is replaced, visibly.
                _text[_length++] = c <= 0x7F ? (byte)c : (byte)'?';
            }

            return;
        }

        // IEEE 488.2 §8.7.9: definite length arbitrary block response data.
        var digits = response.Block.Length.ToString(CultureInfo.InvariantCulture);
        Ensure(2 + digits.Length);
        _text[_length++] = (byte)'#';
        _text[_length++] = (byte)('0' + digits.Length);
        foreach (var c in digits)
        {
            _text[_length++] = (byte)c;
        }

        _blocks.Add((_length, response.Block));
    }

    /// <summary>Terminates the message with LF and returns it; empty if no unit was appended.</summary>
    public ReadOnlySequence<byte> Finish()
    {
        if (_units == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Ensure(1);
        _text[_length++] = (byte)'\n';
        if (_blocks.Count == 0)
        {
            return new ReadOnlySequence<byte>(_text, 0, _length);
        }

        var parts = new List<ReadOnlyMemory<byte>>((2 * _blocks.Count) + 1);
        var textStart = 0;
        foreach (var (textEnd, block) in _blocks)
        {
            parts.Add(_text.AsMemory(textStart, textEnd - textStart));
            parts.Add(block);
            textStart = textEnd;
        }

        parts.Add(_text.AsMemory(textStart, _length - textStart));
        return Sequences.Concat(parts);
    }

    private void Ensure(int more)
    {
        if (_length + more > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_length + more, _text.Length * 2));
        }
    }
}
