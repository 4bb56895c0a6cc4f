using System.Globalization;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>Numeric limits of a parameter: its unit, range and the values of MINimum, MAXimum, DEFault.</summary>
/// <param name="Unit">Unit suffix accepted (e.g. "V", "A", "HZ"); empty for unitless.</param>
/// <param name="Minimum">Smallest accepted value (MIN).</param>
/// <param name="Maximum">Largest accepted value (MAX).</param>
/// <param name="Default">Value of DEF.</param>
public sealed record ScpiNumericRange(string Unit, double Minimum, double Maximum, double Default);

/// <summary>
/// One program data element as typed (IEEE 488.2 §7.7), with conversions that raise the proper SCPI
/// error when the text does not fit: numbers with units and multipliers, MIN/MAX/DEF, booleans,
/// character data, strings, channel lists and blocks.
/// </summary>
public sealed class ScpiParameter
{
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

    /// <summary>The element's text, trimmed.</summary>
    public string Text { get; }

    /// <summary>The bytes of an arbitrary block element (empty otherwise).</summary>
    public ReadOnlyMemory<byte> Block { get; }

    /// <summary>True if this element was an arbitrary block.</summary>
    public bool IsBlock => Text.StartsWith('#');

    /// <summary>A number in <paramref name="range"/>'s unit; MIN/MAX/DEF allowed; out of range → -222.</summary>
    public double AsNumber(ScpiNumericRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var upper = Text.ToUpperInvariant();
        switch (upper)
        {
            case "MIN" or "MINIMUM":
                return range.Minimum;
            case "MAX" or "MAXIMUM":
                return range.Maximum;
            case "DEF" or "DEFAULT":
                return range.Default;
        }

        var value = ParseNumber(upper, range.Unit);
        if (double.IsNaN(value) || value < range.Minimum || value > range.Maximum)
        {
            throw new ScpiErrorException(ScpiError.DataOutOfRange.WithInfo(Text));
        }

        return value;
    }

    /// <summary>A whole number (rounded per IEEE 488.2 §7.7.2.4.2).</summary>
    public int AsInteger(int minimum, int maximum)
    {
        var value = AsNumber(new ScpiNumericRange("", minimum, maximum, minimum));
        return (int)Math.Round(value, MidpointRounding.AwayFromZero);
    }

    /// <summary>ON/OFF/1/0 (any non-zero number is ON).</summary>
    public bool AsBoolean()
    {
        switch (Text.ToUpperInvariant())
        {
            case "ON":
                return true;
            case "OFF":
                return false;
        }

        if (double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return Math.Round(number, MidpointRounding.AwayFromZero) != 0;
        }

        throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo(Text));
    }

    /// <summary>Character data matched against mnemonics in long form with short form in capitals ("IMMediate").</summary>
    public string AsChoice(params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        foreach (var choice in choices)
        {
            var shortForm = new string(choice.Where(char.IsUpper).ToArray());
            if (Text.Equals(choice, StringComparison.OrdinalIgnoreCase) || Text.Equals(shortForm, StringComparison.OrdinalIgnoreCase))
            {
                return choice.ToUpperInvariant();
            }
        }

        throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo(Text));
    }

    /// <summary>A quoted string ('…' or "…", doubled quotes inside).</summary>
    public string AsString()
    {
        if (Text.Length >= 2 && (Text[0] == '"' || Text[0] == '\'') && Text[^1] == Text[0])
        {
            var quote = Text[0].ToString();
            return Text[1..^1].Replace(quote + quote, quote, StringComparison.Ordinal);
        }

        throw new ScpiErrorException(ScpiError.InvalidStringData.WithInfo(Text));
    }

    /// <summary>A channel list "(@1,3:5)" as channel numbers.</summary>
    public IReadOnlyList<int> AsChannelList()
    {
        if (!Text.StartsWith("(@", StringComparison.Ordinal) || !Text.EndsWith(')'))
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
            var step = last >= first ? 1 : -1;
            for (var c = first; c != last + step; c += step)
            {
                channels.Add(c);
            }
        }

        return channels;
    }

    private double ParseNumber(string upper, string unit)
    {
        if (upper is "INF" or "+INF")
        {
            return 9.9e37;
        }

        if (upper == "-INF")
        {
            return -9.9e37;
        }

        if (upper == "NAN")
        {
            return 9.91e37;
        }

        var end = 0;
        while (end < upper.Length && (char.IsAsciiDigit(upper[end]) || upper[end] is '+' or '-' or '.' ||
               (upper[end] == 'E' && end + 1 < upper.Length && (char.IsAsciiDigit(upper[end + 1]) || upper[end + 1] is '+' or '-'))))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(upper[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new ScpiErrorException(
                char.IsAsciiLetter(upper.FirstOrDefault()) ? ScpiError.DataTypeError.WithInfo(Text) : ScpiError.NumericDataError.WithInfo(Text));
        }

        var suffix = upper[end..].Trim();
        if (suffix.Length == 0)
        {
            return value;
        }

        return value * SuffixFactor(suffix, unit.ToUpperInvariant());
    }

    private double SuffixFactor(string suffix, string unit)
    {
        if (unit.Length > 0 && suffix == unit)
        {
            return 1;
        }

        if (unit.Length > 0 && suffix.EndsWith(unit, StringComparison.Ordinal))
        {
            var prefix = suffix[..^unit.Length];
            // IEEE 488.2 §7.7.3: M is milli, except in MHZ and MOHM where it means mega.
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
