using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SpaceTestBench.Cli.Running;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Progress;

namespace SpaceTestBench.Cli.Progress;

/// <summary>
/// One picture of a campaign, drawn the same way by the live display, <c>spacebench status</c> and (as one
/// line) the plain progress lines: scenario n of N, the step, its own progress, bench time elapsed and left,
/// the end (bench time on a simulated bench, the wall clock on a real one), the interlocks armed and the
/// last judged measurement.
/// </summary>
internal static class ProgressView
{
    /// <summary>Rows kept for the step's gauges (a beam run shows fluence and two kinds of event).</summary>
    private const int GaugeRows = 3;

    /// <summary>The picture at bench time <paramref name="benchNow"/> (gauges with a rate grow to it); <paramref name="wallNow"/> dates the end on a real bench.</summary>
    public static IRenderable Render(ProgressSnapshot snapshot, DateTimeOffset benchNow, DateTimeOffset wallNow, string? header = null)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        if (header is not null)
        {
            grid.AddRow(new Markup("[bold]Run[/]"), new Markup(header));
        }

        var scenario = snapshot.ScenarioNumber == 0
            ? "[grey]starting[/]"
            : $"[bold]{snapshot.ScenarioNumber} of {snapshot.Scenarios}[/]  {Markup.Escape(snapshot.ScenarioName ?? "")} [grey]({Markup.Escape(snapshot.ScenarioLocation ?? "")})[/]";
        grid.AddRow(new Markup("[bold]Scenario[/]"), new Markup(scenario));
        grid.AddRow(new Markup("[bold]Step[/]"), new Markup(snapshot.StepText is { } text
            ? $"{snapshot.StepIndex + 1} of {snapshot.StepCount}  {Markup.Escape(text)}"
            : "[grey]between steps[/]"));
        grid.AddRow(new Markup("[bold]Doing[/]"), new Markup(snapshot.Activity is { } activity ? Markup.Escape(activity) : "[grey]—[/]"));

        // A fixed number of rows: a live display that shrinks leaves its old lines behind on some terminals.
        for (var i = 0; i < Math.Max(GaugeRows, snapshot.Gauges.Count); i++)
        {
            grid.AddRow(
                i < snapshot.Gauges.Count ? new Markup($"  {Markup.Escape(snapshot.Gauges[i].Name)}") : new Text(""),
                i < snapshot.Gauges.Count ? new Markup(Gauge(snapshot.Gauges[i], snapshot.GaugesAt is { } at ? benchNow - at : TimeSpan.Zero, bar: true)) : new Text(""));
        }

        var elapsed = Elapsed(snapshot, benchNow);
        grid.AddRow(new Markup("[bold]Bench time[/]"), new Markup($"{BenchTimeText.Of(elapsed)} elapsed{Left(snapshot, benchNow, wallNow)}"));
        grid.AddRow(new Markup("[bold]Interlocks[/]"), new Markup(snapshot.Interlocks.Count == 0 ? "[grey]none armed[/]" : Markup.Escape(string.Join(", ", snapshot.Interlocks))));
        grid.AddRow(new Markup("[bold]Last judged[/]"), new Markup(snapshot.LastMeasurement is { } m
            ? $"{Markup.Escape(m.Name)} = {Markup.Escape(m.Value)} [grey]({Markup.Escape(m.Limit ?? "no limit")})[/] [{ConsoleProgress.Colour(m.Verdict)}]{m.Verdict}[/]"
            : "[grey]nothing yet[/]"));
        grid.AddRow(new Markup("[bold]Finished[/]"), new Markup(snapshot.Verdicts.Count == 0
            ? "[grey]no scenario yet[/]"
            : string.Join(", ", snapshot.Verdicts.OrderBy(v => v.Key).Select(v => $"[{ConsoleProgress.Colour(v.Key)}]{v.Value} {v.Key}[/]"))));
        return new Panel(grid).Header("SpaceTestBench campaign").Border(BoxBorder.Rounded).Expand();
    }

    /// <summary>The picture as one plain line, for logs and CI.</summary>
    public static string Line(ProgressSnapshot snapshot, DateTimeOffset benchNow, DateTimeOffset wallNow)
    {
        var gauges = snapshot.Gauges.Count == 0 ? "" : " | " + string.Join(", ", snapshot.Gauges.Select(g => $"{g.Name} {Gauge(g, snapshot.GaugesAt is { } at ? benchNow - at : TimeSpan.Zero, bar: false)}"));
        var step = snapshot.StepText is { } text ? $" | step {snapshot.StepIndex + 1}/{snapshot.StepCount}: {Shorten(text)}" : "";
        return $"[{snapshot.ScenarioNumber}/{snapshot.Scenarios}] {Shorten(snapshot.ScenarioName ?? "starting")}{step}{gauges} | {BenchTimeText.Of(Elapsed(snapshot, benchNow))} elapsed{Markup.Remove(Left(snapshot, benchNow, wallNow))}";
    }

    private static TimeSpan Elapsed(ProgressSnapshot snapshot, DateTimeOffset benchNow) =>
        snapshot.Started is { } started ? (benchNow > started ? benchNow : snapshot.Now ?? started) - started : TimeSpan.Zero;

    private static string Left(ProgressSnapshot snapshot, DateTimeOffset benchNow, DateTimeOffset wallNow)
    {
        if (snapshot.Finished is { } end)
        {
            return end.Verdict == Verdict.Aborted ? ", [yellow]stopped[/] (resumable with --resume)" : ", [bold]finished[/]";
        }

        if ((snapshot with { Now = benchNow > (snapshot.Now ?? benchNow) ? benchNow : snapshot.Now }).Remaining is not { } left)
        {
            return ", ETA unknown (the plan does not know every step)";
        }

        return snapshot.VirtualClock
            ? $", about {BenchTimeText.Of(left)} of bench time left (simulated bench)"
            : $", about {BenchTimeText.Of(left)} left: ETA {(wallNow + left).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
    }

    private static string Gauge(ProgressGauge gauge, TimeSpan sinceReading, bool bar)
    {
        var value = gauge.At(sinceReading);
        var unit = gauge.Unit.Length == 0 ? "" : " " + gauge.Unit;
        if (gauge.Target is not { } target)
        {
            return $"{BenchTimeText.Number(value)}{unit}";
        }

        var text = $"{BenchTimeText.Number(value)} of {BenchTimeText.Number(target)}{unit}";
        var fraction = target == 0 ? 1 : Math.Clamp(value / target, 0, 1);
        if (!bar || gauge.Unit == "°C")
        {
            return gauge.Unit == "°C" || !bar ? text : text;
        }

        const int width = 24;
        var filled = (int)Math.Round(fraction * width);
        return $"[green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/] {fraction * 100:0}%  {Markup.Escape(text)}";
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..79] + "…" : text;
}
