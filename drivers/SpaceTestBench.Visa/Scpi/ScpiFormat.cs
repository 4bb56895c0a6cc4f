using System.Globalization;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>Response data formats of IEEE 488.2 §8.7.</summary>
public static class ScpiFormat
{
    /// <summary>NR3 with a sign and 8 fraction digits, as many instruments answer: "+1.80000000E+00".</summary>
    public static string Nr3(double value)
    {
        if (double.IsNaN(value))
        {
            return "9.91E+37";
        }

        // −0.0 is ≥ 0 but .NET writes it with its minus sign: without this, "+-0.00000000E+00", which no parser reads.
        var text = (value == 0 ? 0.0 : value).ToString("0.00000000E+00", CultureInfo.InvariantCulture);
        return value >= 0 ? "+" + text : text;
    }

    /// <summary>NR1: an integer.</summary>
    public static string Nr1(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A boolean as 1 or 0.</summary>
    public static string Boolean(bool value) => value ? "1" : "0";
}
