using System.Globalization;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// Parses IEEE 488.2 §8.7 numeric response data. Anything that is not exactly a number is a protocol
/// error quoting the response: a garbled reading must never become a silently wrong number.
/// </summary>
internal static class ResponseParser
{
    // SCPI-99 Vol. 1 §7.2.1.5: NaN and ±infinity are sent as these sentinel values.
    private const double ScpiNotANumber = 9.91e37;
    private const double ScpiInfinity = 9.9e37;

    public static double ParseDouble(string resource, string response)
    {
        var text = response.Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || text.Length == 0 || !char.IsAsciiDigit(text[^1]) && text[^1] != '.')
        {
            throw new VisaProtocolException(resource, $"expected a number but the instrument answered '{MessageBasedFormattedIO.Shorten(response)}'.");
        }

        return FromScpi(value);
    }

    public static long ParseInt64(string resource, string response)
    {
        var text = response.Trim();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new VisaProtocolException(resource, $"expected an integer but the instrument answered '{MessageBasedFormattedIO.Shorten(response)}'.");
    }

    public static double[] ParseDoubleList(string resource, string response)
    {
        var fields = response.Split(',');
        var values = new double[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            try
            {
                values[i] = ParseDouble(resource, fields[i]);
            }
            catch (VisaProtocolException)
            {
                throw new VisaProtocolException(resource, $"element {i + 1} of the list '{MessageBasedFormattedIO.Shorten(response)}' is not a number.");
            }
        }

        return values;
    }

    private static double FromScpi(double value) => value switch
    {
        ScpiNotANumber => double.NaN,
        ScpiInfinity => double.PositiveInfinity,
        -ScpiInfinity => double.NegativeInfinity,
        _ => value,
    };
}
