using System.Globalization;

namespace SpaceTestBench.Results.Quantities;

/// <summary>
/// The one parser for quantities written by people: a number (decimal or scientific, optional sign,
/// optional "×10^n") followed by a unit expression. Used for step text, bench files and DUT profiles, so
/// every place reports bad units the same way.
/// </summary>
public static class QuantityParser
{
    /// <summary>Parses a quantity or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Quantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var quantity, out var error) ? quantity : throw new FormatException(error);
    }

    /// <summary>Parses a quantity and requires its dimension, e.g. a voltage.</summary>
    public static Quantity Parse(string text, Dimension expected)
    {
        var quantity = Parse(text);
        if (quantity.Dimension != expected)
        {
            throw new FormatException(
                string.IsNullOrEmpty(quantity.Unit.Symbol)
                    ? $"'{text}' has no unit; a {expected} is expected."
                    : $"'{text}' is a {quantity.Dimension}; a {expected} is expected.");
        }

        return quantity;
    }

    /// <summary>Parses a quantity without throwing.</summary>
    public static bool TryParse(string text, out Quantity quantity, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        quantity = default;
        var s = text.Trim().Replace('\u2212', '-'); // typographic minus
        var end = NumberEnd(s);
        if (end == 0)
        {
            error = $"'{text}' does not start with a number.";
            return false;
        }

        var numberText = s[..end];
        if (!double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            error = $"'{numberText}' in '{text}' is not a number.";
            return false;
        }

        var rest = s[end..];
        // "1×10^7 ions/cm²" or "1 × 10^7"
        var trimmedRest = rest.TrimStart();
        if (trimmedRest.StartsWith('×') || trimmedRest.StartsWith("x10", StringComparison.Ordinal))
        {
            var afterTimes = trimmedRest.TrimStart('×', 'x').TrimStart();
            if (afterTimes.StartsWith("10^", StringComparison.Ordinal))
            {
                var expText = afterTimes[3..];
                var expEnd = NumberEnd(expText);
                if (expEnd > 0 && int.TryParse(expText[..expEnd], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
                {
                    value *= Math.Pow(10, exponent);
                    rest = expText[expEnd..];
                }
            }
        }

        if (!Units.TryParse(rest, out var unit, out var unitError))
        {
            error = unitError;
            return false;
        }

        quantity = new Quantity(value, unit);
        error = "";
        return true;
    }

    private static int NumberEnd(string s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return 0;
        }

        // Exponent only if digits follow: "1e7" yes, "1 eV" no.
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            var j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-'))
            {
                j++;
            }

            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                while (j < s.Length && char.IsAsciiDigit(s[j]))
                {
                    j++;
                }

                i = j;
            }
        }

        return i;
    }
}
