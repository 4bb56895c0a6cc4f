using System.Globalization;

namespace SpaceTestBench.Cli.Progress;

/// <summary>Bench time as an operator reads it: "3 d 4 h", "2 h 05 min", "41 s".</summary>
internal static class BenchTimeText
{
    public static string Of(TimeSpan? time) => time is { } t ? Of(t) : "unknown";

    public static string Of(TimeSpan time)
    {
        if (time < TimeSpan.Zero)
        {
            time = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        return time.TotalDays >= 1 ? string.Format(c, "{0} d {1} h", (int)time.TotalDays, time.Hours)
            : time.TotalHours >= 1 ? string.Format(c, "{0} h {1:00} min", (int)time.TotalHours, time.Minutes)
            : time.TotalMinutes >= 1 ? string.Format(c, "{0} min {1:00} s", (int)time.TotalMinutes, time.Seconds)
            : time.TotalSeconds >= 1 ? string.Format(c, "{0:0.#} s", time.TotalSeconds)
            : string.Format(c, "{0:0.###} ms", time.TotalMilliseconds);
    }

    public static string Number(double value) => value.ToString(Math.Abs(value) >= 1e5 || (Math.Abs(value) < 1e-2 && value != 0) ? "0.###e0" : "0.##", CultureInfo.InvariantCulture);
}
