using System.Globalization;

namespace SpaceTestBench.Cli.Tests.Support;

/// <summary>Reads a fitted parameter back from a table <c>spacebench analyze</c> printed.</summary>
internal sealed record PrintedParameter(string Name, double Estimate, double StandardError, double Lower, double Upper)
{
    public bool Covers(double truth) => truth >= Lower && truth <= Upper;

    public static PrintedParameter Find(string output, string name)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.Contains($"│ {name}", StringComparison.Ordinal))
            ?? throw new AssertionException($"No row '{name}' in:\n{output}");
        var cells = line.Split('│').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
        var interval = cells[3].Split(" (")[0].Split(" … ");
        return new PrintedParameter(cells[0], Number(cells[1]), Number(cells[2]), Number(interval[0]), Number(interval[1]));
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
