using System.CommandLine;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Cli.Running;

/// <summary>
/// <c>--planned-duration</c>: how long the campaign will take in bench time, so the calibration gate checks every
/// instrument until the planned end. Until <c>spacebench plan</c> (issue 19) estimates it from the feature files, the
/// operator gives it; without it the gate checks at the start only and the report says the planned end is unknown.
/// </summary>
internal static class PlannedDurationOption
{
    public static Option<string?> Create() => new("--planned-duration")
    {
        Description = "How long the campaign is planned to take in bench time (\"72 h\", \"3 d\"); the calibration gate checks every instrument until then. Default: unknown (checked at the start only).",
        HelpName = "TIME",
        Validators =
        {
            result =>
            {
                var text = result.GetValueOrDefault<string?>();
                if (text is not null && TryParse(text) is null)
                {
                    result.AddError($"--planned-duration '{text}' is not a positive time with its unit, e.g. \"72 h\" or \"3 d\".");
                }
            },
        },
    };

    public static TimeSpan? Read(string? text) => text is null ? null : TryParse(text);

    private static TimeSpan? TryParse(string text)
    {
        try
        {
            var seconds = QuantityParser.Parse(text, Dimension.TimeDim).SiValue;
            return seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
