using Microsoft.AspNetCore.Builder;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gherkin.CucumberMessages;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Tags;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Planning;
using SpaceTestBench.Steps.Validation;
using static SpaceTestBench.Facility.Web.Html;

namespace SpaceTestBench.Facility.Web.Pages;

/// <summary>A feature file offered for submission.</summary>
internal sealed record Suite(string Path, string Name, IReadOnlyList<string> Tags);

/// <summary>
/// Reserve and submit: pick feature files, a tag expression, a DUT profile (uploaded, read by the same loader as
/// <c>spacebench run</c> and <c>plan</c>), sample serials; the features are checked as <c>spacebench validate</c>
/// checks them and planned as <c>spacebench plan</c> plans them before the campaign joins the queue.
/// </summary>
internal static class SubmitPage
{
    private const long MaxDutBytes = 256 * 1024;

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/submit", (HttpContext http, ConsoleOptions options) => Form(http, options, new Dictionary<string, string>(), [], null, null));
        console.MapPost("/submit", async (HttpContext http, ConsoleOptions options, FacilityServices f) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var values = form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
            var chosen = form["features"].Where(v => v is not null).Select(v => v!).ToList();
            var errors = new List<string>();
            var suites = Suites(options);
            if (chosen.Count == 0)
            {
                errors.Add("Choose at least one feature file.");
            }

            foreach (var unknown in chosen.Where(c => suites.All(s => s.Path != c)))
            {
                errors.Add($"'{unknown}' is not one of the facility's feature files.");
            }

            // The DUT profile: a new upload is kept by its content's SHA-256; a profile uploaded for an estimate is carried along.
            var dut = values.GetValueOrDefault("dutFile") is { Length: > 0 } kept && IsUpload(options, kept) ? kept : null;
            if (form.Files.GetFile("dut") is { Length: > 0 } upload)
            {
                if (upload.Length > MaxDutBytes)
                {
                    errors.Add($"The DUT profile {upload.FileName} is {upload.Length} bytes; a profile is at most {MaxDutBytes} bytes.");
                }
                else
                {
                    using var buffer = new MemoryStream();
                    await upload.CopyToAsync(buffer, http.RequestAborted);
                    var bytes = buffer.ToArray();
                    var name = $"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}-{Slug(Path.GetFileNameWithoutExtension(upload.FileName))}.json";
                    Directory.CreateDirectory(options.Uploads);
                    await File.WriteAllBytesAsync(Path.Combine(options.Uploads, name), bytes, http.RequestAborted);
                    dut = Path.GetRelativePath(options.Root, Path.Combine(options.Uploads, name)).Replace('\\', '/');
                }
            }

            values["dutFile"] = dut ?? "";
            var samples = (values.GetValueOrDefault("samples") ?? "").Split([',', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var roles = (values.GetValueOrDefault("roles") ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var tags = values.GetValueOrDefault("tags") is { Length: > 0 } t ? t.Trim() : null;
            CampaignPlan? plan = null;
            var bench = await BenchFor(f, options, roles, http.RequestAborted);
            if (errors.Count == 0)
            {
                var files = chosen.Select(c => Path.Combine(options.Features, c)).ToList();
                var dutPath = dut is null ? null : Path.Combine(options.Root, dut);
                try
                {
                    var definition = BenchDefinitionLoader.Load(bench);
                    if (dutPath is not null)
                    {
                        DutProfileLoader.Load(dutPath);
                    }

                    var selection = TagExpression.Parse(tags ?? "");
                    var report = await new FeatureValidator(StepCatalog.Build(), definition)
                        .ValidateAsync(files, options.Features, p => selection.Evaluate(p.Tags.Select(x => x.Name).ToList()), http.RequestAborted);
                    errors.AddRange(report.Problems.Select(p => $"{p.Location}: {p.Title}{(p.Step.Length == 0 ? "" : $": {p.Step}")}. {p.Message}"));
                    if (report.Problems.Count == 0 && report.Scenarios == 0)
                    {
                        errors.Add($"No scenario of the chosen feature file(s) matches the tag expression '{tags}'.");
                    }

                    if (errors.Count == 0)
                    {
                        plan = await CampaignPlanner.PlanFilesAsync(bench, dutPath, files, options.Features, tags, RunOrder.Defined, f.Clock, http.RequestAborted);
                    }
                }
                catch (Exception e) when (e is BenchConfigurationException or GherkinParseException or TagExpressionException or FileNotFoundException or BindingException)
                {
                    errors.Add(e.Message);
                }
            }

            if (errors.Count > 0 || form["action"] != "submit" || plan is null)
            {
                return Form(http, options, values, chosen, plan, errors, bench);
            }

            var hours = double.TryParse(values.GetValueOrDefault("plannedHours"), NumberStyles.Float, CultureInfo.InvariantCulture, out var given) && given > 0 ? given : (double?)null;
            var planned = hours is { } h ? TimeSpan.FromHours(h) : plan.KnownBenchTime > TimeSpan.FromMinutes(1) ? plan.KnownBenchTime : TimeSpan.FromMinutes(1);
            var priority = int.TryParse(values.GetValueOrDefault("priority"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, -10, 10) : 0;
            var campaign = await f.Campaigns.SubmitAsync(ConsoleSession.Caller(http), new CampaignRequest(chosen, tags, dut, samples, roles, priority, planned), http.RequestAborted);
            return HttpResults.Redirect($"/console/campaigns/{campaign.Id}");
        });
    }

    /// <summary>The facility's feature files with their tags, read from their tag lines and Feature line.</summary>
    public static IReadOnlyList<Suite> Suites(ConsoleOptions options)
    {
        if (!Directory.Exists(options.Features))
        {
            return [];
        }

        return Directory.EnumerateFiles(options.Features, "*.feature", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file =>
            {
                var tags = new List<string>();
                var name = Path.GetFileNameWithoutExtension(file);
                foreach (var line in File.ReadLines(file).Select(l => l.Trim()))
                {
                    if (line.StartsWith('@'))
                    {
                        tags.AddRange(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    }
                    else if (line.StartsWith("Feature:", StringComparison.Ordinal))
                    {
                        name = line["Feature:".Length..].Trim();
                        break;
                    }
                }

                return new Suite(Path.GetRelativePath(options.Features, file).Replace('\\', '/'), name, tags);
            })
            .Where(s => !s.Path.StartsWith("SpaceTestBench.", StringComparison.Ordinal))
            .OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>The bench file to check against: the first station offering the roles whose file this node can read, else the facility's default.</summary>
    private static async Task<string> BenchFor(FacilityServices f, ConsoleOptions options, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var files = await f.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, "SELECT bench_file FROM stations WHERE roles @> @roles ORDER BY id LIMIT 20",
            r => r.GetString(0), cancellationToken, ("roles", roles.ToArray())), cancellationToken);
        return files.FirstOrDefault(File.Exists) ?? options.DefaultBench;
    }

    private static bool IsUpload(ConsoleOptions options, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(options.Root, relative));
        return full.StartsWith(Path.GetFullPath(options.Uploads) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full);
    }

    private static string Slug(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').Take(40).ToArray());

    private static IResult Form(HttpContext http, ConsoleOptions options, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> chosen, CampaignPlan? plan, List<string>? errors, string? bench = null)
    {
        string V(string key) => E(values.GetValueOrDefault(key) ?? "");
        var suites = new StringBuilder();
        foreach (var group in Suites(options).GroupBy(s => s.Path.Contains('/', StringComparison.Ordinal) ? s.Path[..s.Path.IndexOf('/', StringComparison.Ordinal)] : ""))
        {
            suites.Append(CultureInfo.InvariantCulture, $"<fieldset class=\"suite\"><legend>{E(group.Key.Length == 0 ? "features" : group.Key)}</legend>");
            foreach (var suite in group)
            {
                var id = "f-" + Slug(suite.Path);
                var clauses = suite.Tags.Where(IsClause).ToList();
                suites.Append(CultureInfo.InvariantCulture, $"""
                    <div class="check"><input type="checkbox" id="{id}" name="features" value="{E(suite.Path)}"{(chosen.Contains(suite.Path) ? " checked" : "")}>
                    <label for="{id}">{E(suite.Name)} <small>{E(suite.Path)}</small></label>
                    <div class="tags">{string.Join(" ", suite.Tags.Where(t => !IsClause(t)).Select(t => $"<span class=\"tag\">{E(t)}</span>"))}{(clauses.Count > 0 ? " · clauses: " + string.Join(" ", clauses.Select(c => $"<span class=\"clause\">{E(c.TrimStart('@'))}</span>")) : "")}</div></div>
                    """);
            }

            suites.Append("</fieldset>");
        }

        var estimate = "";
        if (plan is not null)
        {
            var rows = string.Concat(plan.Scenarios.Select(s => $"<tr><td>{E(s.Name)}</td><td>{E(s.Location)}</td><td>{Duration(s.BenchTime)}{(s.Bounded ? " (at most)" : "")}</td></tr>"));
            estimate = $"""
                <section aria-labelledby="estimate-title" class="card" id="estimate">
                  <h2 id="estimate-title">Estimated bench time: <span id="estimate-total">{Duration(plan.Total)}</span></h2>
                  <p>{plan.Scenarios.Count} scenario(s) planned against {E(Path.GetFileName(bench))} by the step estimators of <code>spacebench plan</code>{(plan.Total is null ? $"; known part {Duration(plan.KnownBenchTime)}, some steps have no estimate" : "")}. The checks of <code>spacebench validate</code> found no problem.</p>
                  <div class="scroll"><table><thead><tr><th scope="col">Scenario</th><th scope="col">Where</th><th scope="col">Bench time</th></tr></thead><tbody>{rows}</tbody></table></div>
                </section>
                """;
        }

        var problems = errors is { Count: > 0 }
            ? $"<div class=\"message error\" role=\"alert\" id=\"problems\"><p>{errors.Count} problem(s): nothing was submitted.</p><ul>{string.Concat(errors.Select(e => $"<li>{E(e)}</li>"))}</ul></div>"
            : "";
        return Page(http, "Submit a campaign", $"""
            {problems}
            <form method="post" action="/console/submit" enctype="multipart/form-data" class="card">
              {Antiforgery(http)}
              <input type="hidden" name="dutFile" value="{V("dutFile")}">
              <h2>Feature files</h2>
              {suites}
              <label for="tags">Tag expression</label>
              <input id="tags" name="tags" value="{V("tags")}" placeholder="@power and not @slow" aria-describedby="tags-help">
              <p id="tags-help" class="help">Selects scenarios, as <code>spacebench run --tags</code> does. Empty: every scenario.</p>
              <label for="dut">DUT profile (JSON)</label>
              <input id="dut" name="dut" type="file" accept=".json,application/json" aria-describedby="dut-help">
              <p id="dut-help" class="help">{(values.GetValueOrDefault("dutFile") is { Length: > 0 } d ? $"Uploaded: {E(d)}. Choose another to replace it." : "Read by the same loader as spacebench run. None: the bench's default DUT.")}</p>
              <label for="samples">Sample serial numbers</label>
              <textarea id="samples" name="samples" rows="2" placeholder="SN-0001, SN-0002">{V("samples")}</textarea>
              <div class="row">
                <div><label for="roles">Station roles needed</label><input id="roles" name="roles" value="{V("roles")}" placeholder="dut-supply, chamber"></div>
                <div><label for="priority">Priority</label><input id="priority" name="priority" type="number" min="-10" max="10" value="{(values.GetValueOrDefault("priority") is { Length: > 0 } pr ? E(pr) : "0")}"></div>
                <div><label for="plannedHours">Planned hours (empty: the estimate)</label><input id="plannedHours" name="plannedHours" inputmode="decimal" value="{V("plannedHours")}"></div>
              </div>
              <div class="actions">
                <button type="submit" name="action" value="estimate">Check and estimate</button>
                <button type="submit" name="action" value="submit" class="primary">Submit to the queue</button>
              </div>
            </form>
            {estimate}
            """);
    }

    private static bool IsClause(string tag) => tag.Length > 1 && char.IsAsciiLetterUpper(tag[1]);

    /// <summary>A bench time in days, hours, minutes and seconds; "unknown" when no estimate exists.</summary>
    public static string Duration(TimeSpan? span) => span is not { } s ? "unknown"
        : s.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)s.TotalDays} d {s.Hours} h {s.Minutes} min")
        : s.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)s.TotalHours} h {s.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{s.Minutes} min {s.Seconds} s");
}
