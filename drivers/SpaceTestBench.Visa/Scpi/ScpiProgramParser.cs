using System.Globalization;
using System.Text;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>One program message unit: a header and its parameters.</summary>
/// <param name="IsCommon">True for IEEE 488.2 common commands (<c>*IDN?</c>).</param>
/// <param name="IsAbsolute">True if the header began with ':' (starts from the root).</param>
/// <param name="Nodes">The typed header nodes.</param>
/// <param name="IsQuery">True if the header ends in '?'.</param>
/// <param name="Parameters">The program data elements.</param>
/// <param name="Text">The unit as typed, for error messages.</param>
public sealed record ScpiProgramUnit(
    bool IsCommon,
    bool IsAbsolute,
    IReadOnlyList<ScpiHeaderNode> Nodes,
    bool IsQuery,
    IReadOnlyList<ScpiParameter> Parameters,
    string Text);

/// <summary>
/// Splits a program message into units (';' separated, outside strings, channel lists and blocks) and
/// each unit into header and parameters (IEEE 488.2 §7, SCPI-99 Vol. 1 §6).
/// </summary>
public static class ScpiProgramParser
{
    /// <summary>Longest mnemonic IEEE 488.2 §7.6.1.4 allows.</summary>
    public const int MaxMnemonicLength = 12;

    private static readonly System.Buffers.SearchValues<char> AsciiLetters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Parses a whole program message (terminator already removed).</summary>
    public static IReadOnlyList<ScpiProgramUnit> Parse(ReadOnlySpan<byte> message)
    {
        var units = new List<ScpiProgramUnit>();
        var start = 0;
        var i = 0;
        while (i <= message.Length)
        {
            if (i == message.Length || message[i] == ';')
            {
                var unit = message[start..i];
                if (!IsBlank(unit))
                {
                    units.Add(ParseUnit(unit));
                }
                else if (i < message.Length)
                {
                    throw new ScpiErrorException(ScpiError.SyntaxError.WithInfo("empty program message unit"));
                }

                i++;
                start = i;
                continue;
            }

            i = SkipElement(message, i);
        }

        return units;
    }

    /// <summary>
    /// Where an element that must not be split starts at <paramref name="i"/>, returns the index after it;
    /// otherwise <paramref name="i"/> + 1. Strings, channel lists and definite blocks may contain ';' and LF.
    /// </summary>
    public static int SkipElement(ReadOnlySpan<byte> message, int i)
    {
        var c = message[i];
        if (c is (byte)'"' or (byte)'\'')
        {
            var j = i + 1;
            while (j < message.Length)
            {
                if (message[j] == c)
                {
                    if (j + 1 < message.Length && message[j + 1] == c)
                    {
                        j += 2;
                        continue;
                    }

                    return j + 1;
                }

                j++;
            }

            throw new ScpiErrorException(ScpiError.InvalidStringData.WithInfo("unterminated string"));
        }

        if (c == '(')
        {
            var close = message[i..].IndexOf((byte)')');
            return close < 0 ? throw new ScpiErrorException(ScpiError.SyntaxError.WithInfo("unterminated channel list")) : i + close + 1;
        }

        if (c == '#' && i + 1 < message.Length && char.IsAsciiDigit((char)message[i + 1]))
        {
            return i + BlockLength(message[i..]);
        }

        return i + 1;
    }

    /// <summary>Total length of a definite block (header and data) at the start of <paramref name="span"/>; indefinite (#0) runs to the end.</summary>
    public static int BlockLength(ReadOnlySpan<byte> span)
    {
        var digits = span[1] - '0';
        if (digits == 0)
        {
            return span.Length;
        }

        if (span.Length < 2 + digits)
        {
            throw new ScpiErrorException(ScpiError.InvalidBlockData.WithInfo("truncated block header"));
        }

        if (!long.TryParse(Encoding.ASCII.GetString(span.Slice(2, digits)), NumberStyles.None, CultureInfo.InvariantCulture, out var length) ||
            2 + digits + length > span.Length)
        {
            throw new ScpiErrorException(ScpiError.InvalidBlockData.WithInfo("block shorter than its header says"));
        }

        return 2 + digits + (int)length;
    }

    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static ScpiProgramUnit ParseUnit(ReadOnlySpan<byte> unit)
    {
        var i = 0;
        while (i < unit.Length && unit[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        var headerStart = i;
        while (i < unit.Length && unit[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            i++;
        }

        var header = Encoding.ASCII.GetString(unit[headerStart..i]);
        var text = Encoding.ASCII.GetString(unit).Trim();
        var parameters = ParseParameters(unit[i..]);
        var isQuery = header.EndsWith('?');
        var name = isQuery ? header[..^1] : header;
        if (name.StartsWith('*'))
        {
            if (name.Length < 2 || name.AsSpan(1).ContainsAnyExcept(AsciiLetters))
            {
                throw new ScpiErrorException(ScpiError.InvalidCharacter.WithInfo(text));
            }

            return new ScpiProgramUnit(true, false, [new ScpiHeaderNode(name.ToUpperInvariant(), null)], isQuery, parameters, text);
        }

        var absolute = name.StartsWith(':');
        if (absolute)
        {
            name = name[1..];
        }

        var nodes = new List<ScpiHeaderNode>(4);
        var rest = name.AsSpan();
        while (true)
        {
            var colon = rest.IndexOf(':');
            var part = colon < 0 ? rest : rest[..colon];
            if (part.Length == 0)
            {
                throw new ScpiErrorException(ScpiError.SyntaxError.WithInfo(text));
            }

            var letters = part.IndexOfAnyExcept(AsciiLetters);
            letters = letters < 0 ? part.Length : letters;
            if (letters == 0)
            {
                throw new ScpiErrorException(ScpiError.InvalidCharacter.WithInfo(text));
            }

            if (letters > MaxMnemonicLength)
            {
                throw new ScpiErrorException(ScpiError.MnemonicTooLong.WithInfo(text));
            }

            var digits = part[letters..];
            if (digits.ContainsAnyExceptInRange('0', '9'))
            {
                throw new ScpiErrorException(ScpiError.InvalidCharacter.WithInfo(text));
            }

            int? suffix = digits.Length > 0 ? int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) : null;
            nodes.Add(new ScpiHeaderNode(new string(part[..letters]), suffix));
            if (colon < 0)
            {
                break;
            }

            rest = rest[(colon + 1)..];
        }

        return new ScpiProgramUnit(false, absolute, nodes, isQuery, parameters, text);
    }

    private static List<ScpiParameter> ParseParameters(ReadOnlySpan<byte> span)
    {
        var parameters = new List<ScpiParameter>();
        var trimmed = Trim(span);
        if (trimmed.IsEmpty)
        {
            return parameters;
        }

        var start = 0;
        var i = 0;
        while (i <= trimmed.Length)
        {
            if (i == trimmed.Length || trimmed[i] == ',')
            {
                var element = Trim(trimmed[start..i]);
                if (element.IsEmpty)
                {
                    throw new ScpiErrorException(ScpiError.MissingParameter);
                }

                parameters.Add(ToParameter(element));
                i++;
                start = i;
                continue;
            }

            i = SkipElement(trimmed, i);
        }

        return parameters;
    }

    private static ScpiParameter ToParameter(ReadOnlySpan<byte> element)
    {
        if (element[0] == '#' && element.Length > 1 && char.IsAsciiDigit((char)element[1]))
        {
            var digits = element[1] - '0';
            var dataStart = digits == 0 ? 2 : 2 + digits;
            return new ScpiParameter(Encoding.ASCII.GetString(element[..dataStart]), element[dataStart..].ToArray());
        }

        return new ScpiParameter(Encoding.ASCII.GetString(element));
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span)
    {
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (end > start && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return span[start..end];
    }
}
