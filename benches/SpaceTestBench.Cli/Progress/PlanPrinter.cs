using Spectre.Console;
using SpaceTestBench.Steps.Planning;

namespace SpaceTestBench.Cli.Progress;

/// <summary>Prints a campaign plan: each scenario's bench time and why and the samples it needs, the totals, and the end on a real bench started now.</summary>
internal static class PlanPrinter
{
    public static void Print(IAnsiConsole console, CampaignPlan plan, bool steps)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("#").AddColumn("Scenario").AddColumn(new TableColumn("Bench time").RightAligned()).AddColumn(new TableColumn("Samples").RightAligned()).AddColumn("Longest step, and why");
        var n = 0;
        foreach (var scenario in plan.Scenarios)
        {
            n++;
            var longest = scenario.Steps.Where(s => s.Estimate.Kind != EstimateKind.Instant).OrderByDescending(s => s.Estimate.Duration ?? TimeSpan.MaxValue).FirstOrDefault();
            var time = scenario.BenchTime is { } known
                ? (scenario.Bounded ? "≤ " : "") + BenchTimeText.Of(known)
                : $"≥ {BenchTimeText.Of(scenario.KnownBenchTime)}, unknown step(s)";
            table.AddRow(
                new Text(n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Markup($"{Markup.Escape(scenario.Name)} [grey]({Markup.Escape(scenario.Location)})[/]"),
                new Text(time),
                new Text(scenario.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(longest is null ? "no waits" : $"{Trim(longest.Text)}: {longest.Estimate.Basis}"));
            if (steps)
            {
                foreach (var step in scenario.Steps.Where(s => s.Estimate.Kind != EstimateKind.Instant))
                {
                    table.AddRow(new Text(""), new Markup($"  [grey]{Markup.Escape(Trim(step.Text))}[/]"), new Text(Describe(step.Estimate)), new Text(""), new Markup($"[grey]{Markup.Escape(step.Estimate.Basis)}[/]"));
                }
            }
        }

        console.Write(table);
        foreach (var unknown in plan.Scenarios.SelectMany(s => s.Unknown.Select(u => (Scenario: s, Step: u))))
        {
            console.MarkupLineInterpolated($"[yellow]Unknown bench time:[/] {unknown.Scenario.Location} line {unknown.Step.Line}, \"{unknown.Step.Text}\": {unknown.Step.Estimate.Basis}");
        }

        var total = plan.Total is { } t ? BenchTimeText.Of(t) : $"at least {BenchTimeText.Of(plan.KnownBenchTime)} (some steps unknown)";
        var bounded = plan.Scenarios.Any(s => s.Bounded) ? " (steps marked ≤ may end sooner)" : "";
        console.MarkupLineInterpolated($"[bold]Planned bench time:[/] {total} for {plan.Scenarios.Count} scenario(s){bounded}");
        console.MarkupLineInterpolated($"[bold]Samples needed:[/] {plan.Samples} (fresh samples, and one in place of a sample a destructive test used; name at least as many with --sample)");
        console.MarkupLineInterpolated($"[bold]On a real bench started now[/] ({plan.PlannedAt:yyyy-MM-dd HH:mm} UTC) it ends {(plan.Total is null ? "no earlier than" : "about")} [bold]{plan.EndsOnRealBench:yyyy-MM-dd HH:mm} UTC[/].");
    }

    private static string Describe(StepEstimate estimate) => estimate.Kind switch
    {
        EstimateKind.AtMost => "≤ " + BenchTimeText.Of(estimate.Duration),
        EstimateKind.Unknown => "unknown",
        _ => BenchTimeText.Of(estimate.Duration),
    };

    private static string Trim(string text) => text.Length > 70 ? text[..69] + "…" : text;
}
