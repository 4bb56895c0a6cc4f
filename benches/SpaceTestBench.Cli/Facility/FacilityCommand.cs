using System.CommandLine;
using System.Net;
using System.Text.Json;
using Spectre.Console;

namespace SpaceTestBench.Cli.Facility;

/// <summary>
/// <c>spacebench facility …</c>: the shared facility's verbs. <c>serve</c> runs a control node; the others talk
/// to one over its HTTP API (<c>/api/v1</c>), as the logged-in user.
/// </summary>
internal static class FacilityCommand
{
    public static Command Create(IAnsiConsole console, FacilityPaths paths)
    {
        var command = new Command("facility", "The shared facility: run a control node, or use one (stations, reservations, campaigns, calibration, audit).");
        command.Subcommands.Add(FacilityServeCommand.Create(console, paths));
        command.Subcommands.Add(Login(console));
        command.Subcommands.Add(Call(console, "whoami", "Who the token belongs to.", [], _ => (HttpMethod.Get, "api/v1/whoami", null)));
        command.Subcommands.Add(UserAdd(console));
        command.Subcommands.Add(Stations(console));
        command.Subcommands.Add(Reserve(console));
        var lease = new Argument<Guid>("lease") { Description = "The lease id." };
        command.Subcommands.Add(Call(console, "release", "Release a lease.", [lease], p => (HttpMethod.Delete, $"api/v1/leases/{p.GetValue(lease)}", null)));
        command.Subcommands.Add(Submit(console));
        var campaign = new Argument<Guid?>("campaign") { Description = "A campaign id; none: every campaign of your tenant.", Arity = ArgumentArity.ZeroOrOne };
        command.Subcommands.Add(Call(console, "status", "With a campaign id: its runs (station, state, verdict); without: all your tenant's campaigns.", [campaign],
            p => (HttpMethod.Get, p.GetValue(campaign) is { } id ? $"api/v1/campaigns/{id}/runs" : "api/v1/campaigns", null)));
        var toCancel = new Argument<Guid>("campaign") { Description = "The campaign id." };
        command.Subcommands.Add(Call(console, "cancel", "Cancel a queued campaign, or stop a running one (its bench is left safe).", [toCancel],
            p => (HttpMethod.Post, $"api/v1/campaigns/{p.GetValue(toCancel)}/cancel", null)));
        var toResume = new Argument<Guid>("campaign") { Description = "The aborted campaign's id." };
        command.Subcommands.Add(Call(console, "resume",
            "Continue an aborted campaign (its station host died mid-run) in its run folder, on the same station once it has passed its health check, as spacebench run --resume does.",
            [toResume], p => (HttpMethod.Post, $"api/v1/campaigns/{p.GetValue(toResume)}/resume", null)));
        command.Subcommands.Add(FacilityWatch.Create(console));
        command.Subcommands.Add(Fetch(console));
        command.Subcommands.Add(Call(console, "instruments", "Every instrument with its calibration due date and status.", [], _ => (HttpMethod.Get, "api/v1/instruments", null)));
        command.Subcommands.Add(Calibrate(console));
        var audit = new Command("audit", "The audit trail.");
        audit.Subcommands.Add(AuditVerify(console));
        command.Subcommands.Add(audit);
        return command;
    }

    /// <summary>The options every client verb takes.</summary>
    internal static (Option<string?> Url, Option<string?> Token) ConnectionOptions() =>
        (new Option<string?>("--facility") { Description = "Control node URL (default: SPACEBENCH_FACILITY, or the login).", HelpName = "URL" },
         new Option<string?>("--token") { Description = "Bearer token (default: SPACEBENCH_TOKEN, or the login).", HelpName = "TOKEN" });

    internal static Command Call(IAnsiConsole console, string name, string description, Symbol[] symbols, Func<ParseResult, (HttpMethod Method, string Path, object? Body)> request)
    {
        var (url, token) = ConnectionOptions();
        var command = new Command(name, description) { url, token };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument a:
                    command.Arguments.Add(a);
                    break;
                case Option o:
                    command.Options.Add(o);
                    break;
            }
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connect(console, parse.GetValue(url), parse.GetValue(token));
            if (client is null)
            {
                return ExitCodes.UsageError;
            }

            var (method, path, body) = request(parse);
            return await PrintAsync(console, client, method, path, body, cancellationToken);
        });
        return command;
    }

    internal static FacilityClient? Connect(IAnsiConsole console, string? url, string? token)
    {
        var client = FacilityClient.Resolve(url, token, out var problem);
        if (client is null)
        {
            console.MarkupLine("[red]Cannot reach the facility:[/]");
            console.WriteLine(problem!);
        }

        return client;
    }

    internal static async Task<int> PrintAsync(IAnsiConsole console, FacilityClient client, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        HttpStatusCode status;
        JsonElement json;
        try
        {
            (status, json) = await client.SendAsync(method, path, body, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            console.MarkupLineInterpolated($"[red]Cannot reach the control node at {client.Facility}:[/] {e.Message}. Is 'spacebench facility serve' running?");
            return ExitCodes.UsageError;
        }

        if ((int)status >= 400)
        {
            var detail = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var d) ? d.GetString() : json.ValueKind == JsonValueKind.Undefined ? "" : json.ToString();
            console.MarkupLineInterpolated($"[red]{(int)status} {status}:[/] {detail}");
            return status is HttpStatusCode.NotFound or HttpStatusCode.Conflict ? ExitCodes.Failed : ExitCodes.UsageError;
        }

        console.WriteLine(json.ValueKind == JsonValueKind.Undefined ? $"{(int)status} {status}" : JsonSerializer.Serialize(json, FacilityClient.Json));
        return ExitCodes.Passed;
    }

    private static Command Login(IAnsiConsole console)
    {
        var (url, token) = ConnectionOptions();
        url.Required = true;
        token.Required = true;
        var command = new Command("login", "Check a token against a control node and remember both for the other verbs (in your config folder, readable by you only).") { url, token };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connect(console, parse.GetValue(url), parse.GetValue(token))!;
            var code = await PrintAsync(console, client, HttpMethod.Get, "api/v1/whoami", null, cancellationToken);
            if (code == ExitCodes.Passed)
            {
                FacilityClient.SaveLogin(client.Facility, parse.GetValue(token)!);
                console.MarkupLineInterpolated($"Logged in; saved to {FacilityClient.LoginFile}");
            }

            return code;
        });
        return command;
    }

    private static Command UserAdd(IAnsiConsole console)
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant (vendor) name; created if new.", Required = true };
        var name = new Option<string>("--name") { Description = "User name.", Required = true };
        var role = new Option<string>("--role") { Description = "vendor-engineer, facility-operator, metrologist, qa-reviewer or admin.", Required = true };
        var add = Call(console, "add", "Create a user and print their first bearer token (admins).", [tenant, name, role],
            p => (HttpMethod.Post, "api/v1/users", new { tenant = p.GetValue(tenant), name = p.GetValue(name), role = p.GetValue(role) }));
        var user = new Command("user", "Users and their tokens.");
        user.Subcommands.Add(add);
        return user;
    }

    private static Command Stations(IAnsiConsole console)
    {
        var (url, token) = ConnectionOptions();
        var command = new Command("stations", "Every station: state (another tenant's lease shows as busy), health, roles.") { url, token };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connect(console, parse.GetValue(url), parse.GetValue(token));
            if (client is null)
            {
                return ExitCodes.UsageError;
            }

            var (status, json) = await client.SendAsync(HttpMethod.Get, "api/v1/stations", null, cancellationToken);
            if (status != HttpStatusCode.OK)
            {
                return await PrintAsync(console, client, HttpMethod.Get, "api/v1/stations", null, cancellationToken);
            }

            var table = new Table().AddColumns("Station", "Type", "State", "Health", "Roles");
            foreach (var s in json.EnumerateArray())
            {
                table.AddRow(Markup.Escape(s.GetProperty("id").GetString()!), Markup.Escape(s.GetProperty("stationType").GetString()!), s.GetProperty("state").GetString()!,
                    s.GetProperty("health").GetString()!, Markup.Escape(string.Join(", ", s.GetProperty("roles").EnumerateArray().Select(r => r.GetString()))));
            }

            console.Write(table);
            return ExitCodes.Passed;
        });
        return command;
    }

    private static Command Reserve(IAnsiConsole console)
    {
        var station = new Option<string?>("--station") { Description = "A station id; or give --role for any station offering those roles.", HelpName = "ID" };
        var roles = new Option<string[]>("--role") { Description = "A role the station must offer; repeatable.", AllowMultipleArgumentsPerToken = false, HelpName = "ROLE" };
        var ttl = new Option<int>("--ttl") { Description = "The lease's time to live in seconds: send a heartbeat within it.", DefaultValueFactory = _ => 60, HelpName = "SECONDS" };
        var duration = new Option<double>("--duration") { Description = "Hold the station at most this many minutes, heartbeats or not.", DefaultValueFactory = _ => 60, HelpName = "MINUTES" };
        var queue = new Option<bool>("--queue") { Description = "When nothing matching is free, join the queue (poll GET /api/v1/reservations/ID) instead of failing." };
        return Call(console, "reserve", "Lease a station for a duration, now or by joining the queue (heartbeat the lease with the API, release it with 'facility release').", [station, roles, ttl, duration, queue],
            p => (HttpMethod.Post, "api/v1/reservations", new
            {
                station = p.GetValue(station), roles = p.GetValue(roles) ?? [], timeToLiveSeconds = p.GetValue(ttl), durationMinutes = p.GetValue(duration), queue = p.GetValue(queue),
            }));
    }

    private static Command Submit(IAnsiConsole console)
    {
        var features = new Option<string[]>("--features") { Description = "Feature file or folder, relative to the facility's features/; repeatable.", Required = true, HelpName = "PATH" };
        var tags = new Option<string?>("--tags") { Description = "Tag expression.", HelpName = "EXPR" };
        var dut = new Option<string?>("--dut") { Description = "DUT profile relative to the facility root (fixtures/duts/…); default: the bench's.", HelpName = "FILE" };
        var samples = new Option<string[]>("--sample") { Description = "Serial number of a sample under test; repeatable.", HelpName = "SERIAL" };
        var roles = new Option<string[]>("--role") { Description = "A role the station must offer; repeatable.", HelpName = "ROLE" };
        var priority = new Option<int>("--priority") { Description = "Higher runs first (within fair share at equal priority)." };
        var hours = new Option<double>("--planned-hours") { Description = "Planned duration: every instrument must stay calibrated until it ends.", DefaultValueFactory = _ => 1, HelpName = "HOURS" };
        return Call(console, "submit", "Queue a campaign: feature files + tag expression + DUT profile + sample serials.", [features, tags, dut, samples, roles, priority, hours],
            p => (HttpMethod.Post, "api/v1/campaigns", new
            {
                features = p.GetValue(features), tags = p.GetValue(tags), dut = p.GetValue(dut), samples = p.GetValue(samples) ?? [], roles = p.GetValue(roles) ?? [],
                priority = p.GetValue(priority), plannedHours = p.GetValue(hours),
            }));
    }

    private static Command Calibrate(IAnsiConsole console)
    {
        var instrument = new Argument<string>("instrument") { Description = "STATION/INSTRUMENT, as 'facility instruments' lists it." };
        var on = new Option<DateOnly>("--on") { Description = "Calibration date (yyyy-MM-dd).", Required = true };
        var due = new Option<DateOnly>("--due") { Description = "Due date (yyyy-MM-dd).", Required = true };
        var certificate = new Option<string>("--certificate") { Description = "Certificate reference.", Required = true };
        var failed = new Option<bool>("--failed") { Description = "The instrument was found out of specification: it leaves service and the runs to review are listed." };
        return Call(console, "calibrate", "Record an instrument's calibration (metrologists).", [instrument, on, due, certificate, failed],
            p => (HttpMethod.Post, $"api/v1/instruments/{p.GetValue(instrument)}/calibrations",
                new { calibratedOn = p.GetValue(on), due = p.GetValue(due), passed = !p.GetValue(failed), certificate = p.GetValue(certificate) }));
    }

    private static Command AuditVerify(IAnsiConsole console)
    {
        var (url, token) = ConnectionOptions();
        var command = new Command("verify", "Check every hash chain of the audit trail; exit 1 and name the row when one was changed.") { url, token };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connect(console, parse.GetValue(url), parse.GetValue(token));
            if (client is null)
            {
                return ExitCodes.UsageError;
            }

            var (status, json) = await client.SendAsync(HttpMethod.Get, "api/v1/audit/verify", null, cancellationToken);
            if (status != HttpStatusCode.OK)
            {
                return await PrintAsync(console, client, HttpMethod.Get, "api/v1/audit/verify", null, cancellationToken);
            }

            var intact = json.GetProperty("intact").GetBoolean();
            console.MarkupLine((intact ? "[green]Intact[/]" : "[red]BROKEN[/]") + $": {json.GetProperty("rows").GetInt32()} row(s) in {json.GetProperty("chains").GetInt32()} chain(s)");
            foreach (var b in json.GetProperty("breaks").EnumerateArray())
            {
                console.WriteLine($"  {b.GetString()}");
            }

            return intact ? ExitCodes.Passed : ExitCodes.Failed;
        });
        return command;
    }

    private static Command Fetch(IAnsiConsole console)
    {
        var (url, token) = ConnectionOptions();
        var run = new Argument<Guid>("run") { Description = "The run id ('facility status CAMPAIGN' lists them)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to unpack the run folder into.", Required = true, HelpName = "DIR" };
        var command = new Command("fetch", "Download a finished run's folder (report.html, plots, CSV, results.sqlite, …).") { url, token, run, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connect(console, parse.GetValue(url), parse.GetValue(token));
            if (client is null)
            {
                return ExitCodes.UsageError;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/runs/{parse.GetValue(run)}/archive");
            using var response = await client.SendRawAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                console.MarkupLineInterpolated($"[red]{(int)response.StatusCode} {response.StatusCode}:[/] {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return ExitCodes.Failed;
            }

            var folder = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(folder);
            await using var zip = await response.Content.ReadAsStreamAsync(cancellationToken);
            await System.IO.Compression.ZipFile.ExtractToDirectoryAsync(zip, folder, overwriteFiles: false, cancellationToken);
            console.MarkupLineInterpolated($"Run folder written to {folder}");
            return ExitCodes.Passed;
        });
        return command;
    }
}
