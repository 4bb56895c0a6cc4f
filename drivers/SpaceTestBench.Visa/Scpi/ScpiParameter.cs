using System.Globalization;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// One program data element as typed (IEEE 488.2 §7.7), with conversions that raise the proper SCPI
/// error when the text does not fit: numbers with units and multipliers, MIN/MAX/DEF, booleans,
/// character data, strings, channel lists and blocks.
/// </summary>
public sealed class ScpiParameter
{
    /// <summary>The most channels one channel list may expand to (more is -223 Too much data).</summary>
    public const int MaxChannels = 10_000;

    // IEEE 488.2 §7.7.3.3 suffix multipliers, longest first so "MA" (mega) is tried before "M" (milli).
    private static readonly (string Prefix, double Factor)[] Multipliers =
    [
        ("EX", 1e18), ("PE", 1e15), ("MA", 1e6), ("T", 1e12), ("G", 1e9), ("K", 1e3),
        ("M", 1e-3), ("U", 1e-6), ("N", 1e-9), ("P", 1e-12), ("F", 1e-15), ("A", 1e-18),
    ];

    internal ScpiParameter(string text, ReadOnlyMemory<byte> block = default)
    {
        Text = text;
        Block = block;
    }

    /// <summary>The element's text, trimmed (for a block: its header only).</summary>
    public string Text { get; }

    /// <summary>The bytes of an arbitrary block element (empty otherwise).</summary>
    public ReadOnlyMemory<byte> Block { get; }

    /// <summary>True if this element was an arbitrary block.</summary>
    public bool IsBlock => Text.Length > 1 && Text[0] == '#' && char.IsAsciiDigit(Text[1]);

    /// <summary>True if this element was a quoted string.</summary>
    public bool IsString => Text.Length > 0 && Text[0] is '"' or '\'';

    /// <summary>True if this element was a channel list.</summary>
    public bool IsChannelList => Text.StartsWith("(@", StringComparison.Ordinal);

    /// <summary>True if the element is MINimum, MAXimum or DEFault.</summary>
    public bool IsLimitKeyword => Text.ToUpperInvariant() is "MIN" or "MINIMUM" or "MAX" or "MAXIMUM" or "DEF" or "DEFAULT";

    /// <summary>A number in <paramref name="range"/>'s unit; MIN/MAX/DEF allowed; out of range → -222.</summary>
    public double AsNumber(ScpiNumericRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (IsLimitKeyword)
        {
            return AsLimit(range);
        }

        RequireNumericKind();
        var value = ParseNumber(Text.ToUpperInvariant(), range.Unit);
        if (double.IsNaN(value) || value < range.Minimum || value > range.Maximum)
        {
            throw new ScpiErrorException(ScpiError.DataOutOfRange.WithInfo(Text));
        }

        return value;
    }

    /// <summary>MINimum, MAXimum or DEFault as values of <paramref name="range"/>, e.g. for <c>VOLT? MAX</c>; anything else → -224.</summary>
    public double AsLimit(ScpiNumericRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return Text.ToUpperInvariant() switch
        {
            "MIN" or "MINIMUM" => range.Minimum,
            "MAX" or "MAXIMUM" => range.Maximum,
            "DEF" or "DEFAULT" => range.Default,
            _ => throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo(Text)),
        };
    }

    /// <summary>A whole number (rounded per IEEE 488.2 §7.7.2.4.2); MIN/MAX give the bounds.</summary>
    public int AsInteger(int minimum, int maximum)
    {
        var value = AsNumber(new ScpiNumericRange("", minimum, maximum, minimum));
        return (int)Math.Round(value, MidpointRounding.AwayFromZero);
    }

    /// <summary>ON/OFF or a number (non-zero after rounding is ON) (IEEE 488.2 §7.7.2, SCPI-99 Vol. 1 §7.3).</summary>
    public bool AsBoolean()
    {
        switch (Text.ToUpperInvariant())
        {
            case "ON":
                return true;
            case "OFF":
                return false;
        }

        RequireNumericKind();
        if (double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return Math.Round(number, MidpointRounding.AwayFromZero) != 0;
        }

        throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo(Text));
    }

    /// <summary>Character data matched against mnemonics in long form with short form in capitals ("IMMediate"); returns the long form upper-cased.</summary>
    public string AsChoice(params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (IsString || IsBlock || IsChannelList)
        {
            throw new ScpiErrorException(ScpiError.DataTypeError.WithInfo(Text));
        }

        foreach (var choice in choices)
        {
            if (Text.Equals(choice, StringComparison.OrdinalIgnoreCase) || Text.Equals(ScpiHeaderPattern.ShortForm(choice), StringComparison.OrdinalIgnoreCase))
            {
                return choice.ToUpperInvariant();
            }
        }

        throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo(Text));
    }

    /// <summary>A quoted string ('…' or "…", doubled quotes inside).</summary>
    public string AsString()
    {
        if (!IsString)
        {
            throw new ScpiErrorException(ScpiError.DataTypeError.WithInfo($"expected a string, got {Text}"));
        }

        if (Text.Length >= 2 && Text[^1] == Text[0])
        {
            var quote = Text[0].ToString();
            var inner = Text[1..^1];
            if (inner.Replace(quote + quote, "", StringComparison.Ordinal).Contains(Text[0], StringComparison.Ordinal))
            {
                throw new ScpiErrorException(ScpiError.InvalidStringData.WithInfo(Text));
            }

            return inner.Replace(quote + quote, quote, StringComparison.Ordinal);
        }

        throw new ScpiErrorException(ScpiError.InvalidStringData.WithInfo(Text));
    }

    /// <summary>The bytes of an arbitrary block; anything else → -104.</summary>
    public ReadOnlyMemory<byte> AsBlock() =>
        IsBlock ? Block : throw new ScpiErrorException(ScpiError.DataTypeError.WithInfo($"expected a block, got {Text}"));

    /// <summary>A channel list "(@1,3:5)" as channel numbers, ranges expanded in the order written.</summary>
    public IReadOnlyList<int> AsChannelList()
    {
        if (!IsChannelList || !Text.EndsWith(')'))
        {
            throw new ScpiErrorException(ScpiError.DataTypeError.WithInfo($"expected a channel list, got {Text}"));
        }

        var channels = new List<int>();
        foreach (var item in Text[2..^1].Split(',', StringSplitOptions.TrimEntries))
        {
            var range = item.Split(':', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || !range.All(r => int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw new ScpiErrorException(ScpiError.SyntaxError.WithInfo(Text));
            }

            var first = int.Parse(range[0], CultureInfo.InvariantCulture);
            var last = range.Length == 2 ? int.Parse(range[1], CultureInfo.InvariantCulture) : first;
            if (channels.Count + (long)Math.Abs((long)last - first) + 1 > MaxChannels)
            {
                throw new ScpiErrorException(ScpiError.TooMuchData.WithInfo(Text));
            }

            var step = last >= first ? 1 : -1;
            for (var c = first; c != last + step; c += step)
            {
                channels.Add(c);
            }
        }

        return channels;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private void RequireNumericKind()
    {
        if (IsString || IsBlock || IsChannelList)
        {
            throw new ScpiErrorException(ScpiError.DataTypeError.WithInfo(Text));
        }
    }

    private double ParseNumber(string upper, string unit)
    {
        switch (upper)
        {
            // SCPI-99 Vol. 1 §7.2.1.5: INFinity, NINFinity and NAN as numeric values.
            case "INF" or "INFINITY" or "+INF":
                return 9.9e37;
            case "NINF" or "NINFINITY" or "-INF":
                return -9.9e37;
            case "NAN":
                return 9.91e37;
        }

        if (upper.Length > 2 && upper[0] == '#' && upper[1] is 'H' or 'Q' or 'B')
        {
            return NonDecimal(upper);
        }

        var end = 0;
        while (end < upper.Length && (char.IsAsciiDigit(upper[end]) || upper[end] is '+' or '-' or '.' ||
               (upper[end] == 'E' && end + 1 < upper.Length && (char.IsAsciiDigit(upper[end + 1]) || upper[end + 1] is '+' or '-'))))
        {
            end++;
        }

        if (end == 0)
        {
            throw new ScpiErrorException(
                char.IsAsciiLetter(upper.FirstOrDefault()) ? ScpiError.DataTypeError.WithInfo(Text) : ScpiError.NumericDataError.WithInfo(Text));
        }

        if (!double.TryParse(upper[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ScpiErrorException(ScpiError.InvalidCharacterInNumber.WithInfo(Text));
        }

        var suffix = upper[end..].Trim();
        return suffix.Length == 0 ? value : value * SuffixFactor(suffix, unit.ToUpperInvariant());
    }

    /// <summary>IEEE 488.2 §7.7.4: #H hex, #Q octal, #B binary.</summary>
    private double NonDecimal(string upper)
    {
        var radix = upper[1] switch { 'H' => 16, 'Q' => 8, _ => 2 };
        double value = 0;
        foreach (var c in upper.AsSpan(2))
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix)
            {
                throw new ScpiErrorException(ScpiError.InvalidCharacterInNumber.WithInfo(Text));
            }

            value = (value * radix) + digit;
        }

        return value;
    }

    private double SuffixFactor(string suffix, string unit)
    {
        if (unit.Length == 0)
        {
            throw new ScpiErrorException(ScpiError.SuffixNotAllowed.WithInfo(Text));
        }

        if (suffix == unit)
        {
            return 1;
        }

        if (suffix.EndsWith(unit, StringComparison.Ordinal))
        {
            var prefix = suffix[..^unit.Length];

            // IEEE 488.2 §7.7.3.3: M is milli, except in MHZ and MOHM where it means mega.
            if (prefix == "M" && unit is "HZ" or "OHM")
            {
                return 1e6;
            }

            foreach (var (p, factor) in Multipliers)
            {
                if (prefix == p)
                {
                    return factor;
                }
            }
        }

        throw new ScpiErrorException(ScpiError.InvalidSuffix.WithInfo(Text));
    }
}
