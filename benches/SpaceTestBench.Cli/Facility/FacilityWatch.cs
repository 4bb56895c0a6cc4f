using System.CommandLine;
using System.Net;
using System.Text;
using Spectre.Console;
using SpaceTestBench.Cli.Progress;
using SpaceTestBench.Results.Progress;

namespace SpaceTestBench.Cli.Facility;

/// <summary>
/// <c>spacebench facility watch CAMPAIGN</c>: follows a campaign from the API's server-sent events,
/// reconnecting with <c>Last-Event-ID</c> when the connection drops (a control-node restart included). The
/// station host's "snapshot" events draw the picture <c>spacebench status</c> draws (live on a terminal; one
/// plain line per change at most every <see cref="LineInterval"/> otherwise, and the whole picture at the end);
/// the run's console lines and the facility's own events (placed, run started, requeued) are printed as they
/// come; "measurements" are for the web console's plots and are not printed. Exit 0 when the campaign passed,
/// 1 when it ended otherwise.
/// </summary>
internal static class FacilityWatch
{
    /// <summary>How often a plain progress line is printed at most without a terminal.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(10);

    public static Command Create(IAnsiConsole console)
    {
        var (url, token) = FacilityCommand.ConnectionOptions();
        var campaign = new Argument<Guid>("campaign") { Description = "The campaign id." };
        var command = new Command("watch", "Follow a campaign's progress until it ends (resumes after a dropped connection).") { url, token, campaign };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = FacilityCommand.Connect(console, parse.GetValue(url), parse.GetValue(token));
            if (client is null)
            {
                return ExitCodes.UsageError;
            }

            var mode = OperatorProgress.ModeFor(console, quiet: false, Console.IsOutputRedirected);
            return await WatchAsync(console, client, parse.GetValue(campaign), mode, TimeProvider.System, cancellationToken);
        });
        return command;
    }

    /// <summary>Follows <paramref name="campaign"/> until it ends; <paramref name="mode"/> Live draws the picture in place.</summary>
    public static async Task<int> WatchAsync(IAnsiConsole console, FacilityClient client, Guid campaign, ProgressMode mode, TimeProvider wallClock, CancellationToken cancellationToken)
    {
        var view = new WatchedCampaign(console, campaign, mode, wallClock);
        if (mode != ProgressMode.Live)
        {
            return await FollowAsync(console, client, campaign, view, wallClock, cancellationToken);
        }

        var code = ExitCodes.Failed;
        var erase = new EraseBelowLiveHook();
        await console.Live(view.Picture()).AutoClear(false).StartAsync(async context =>
        {
            console.Pipeline.Attach(erase);
            try
            {
                view.Redraw = () =>
                {
                    context.UpdateTarget(view.Picture());
                    context.Refresh();
                };
                code = await FollowAsync(console, client, campaign, view, wallClock, cancellationToken);
                view.Redraw();
            }
            finally
            {
                console.Pipeline.Detach(erase);
            }
        });
        return code;
    }

    private static async Task<int> FollowAsync(IAnsiConsole console, FacilityClient client, Guid campaign, WatchedCampaign view, TimeProvider wallClock, CancellationToken cancellationToken)
    {
        string? lastId = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/campaigns/{campaign}/events");
            if (lastId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastId);
            }

            try
            {
                using var response = await client.SendRawAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    console.MarkupLineInterpolated($"[red]No campaign {campaign} for your tenant.[/]");
                    return ExitCodes.Failed;
                }

                response.EnsureSuccessStatusCode();
                failures = 0;
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                string? kind = null;
                var data = new StringBuilder();
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        lastId = line[4..];
                    }
                    else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        kind = line[7..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data.Append(data.Length == 0 ? "" : "\n").Append(line.AsSpan(6));
                    }
                    else if (line.Length == 0 && kind is not null)
                    {
                        // WHATWG HTML §9.2.6: a blank line dispatches the event.
                        if (view.Take(kind, data.ToString()) is { } ended)
                        {
                            return ended;
                        }

                        kind = null;
                        data.Clear();
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException && ++failures < 60)
            {
                // The control node restarted or the network dropped: resume after the last event seen.
                await Task.Delay(TimeSpan.FromSeconds(1), wallClock, cancellationToken);
            }
        }

        return ExitCodes.Failed;
    }

    /// <summary>What the watcher knows of the campaign and how it shows it.</summary>
    private sealed class WatchedCampaign(IAnsiConsole console, Guid campaign, ProgressMode mode, TimeProvider wallClock)
    {
        private ProgressSnapshot? snapshot;
        private DateTimeOffset lastLine = DateTimeOffset.MinValue;
        private int lineScenario = -1;

        public Action? Redraw { get; set; }

        public Spectre.Console.Rendering.IRenderable Picture()
        {
            var header = $"campaign {campaign}";
            if (snapshot is not { } s)
            {
                return new Markup($"[grey]{Markup.Escape(header)}: waiting for the station's first progress[/]");
            }

            // A watcher has no bench clock: a simulated bench stands where it was last heard of; a real bench's is the wall clock.
            var now = wallClock.GetUtcNow();
            var benchNow = s.VirtualClock || s.Finished is not null ? s.Now ?? now : now;
            return ProgressView.Render(s, benchNow, now, Markup.Escape(header));
        }

        /// <summary>Takes one event; the exit code once the campaign has ended.</summary>
        public int? Take(string kind, string data)
        {
            switch (kind)
            {
                case "end":
                    if (mode != ProgressMode.Live && snapshot is not null)
                    {
                        console.Write(Picture());
                    }

                    console.MarkupLineInterpolated($"Campaign {campaign} ended: [bold]{data}[/]");
                    return data == "passed" ? ExitCodes.Passed : ExitCodes.Failed;
                case "snapshot":
                    snapshot = ProgressSnapshotJson.Deserialize(data, $"campaign {campaign}'s snapshot event");
                    Show();
                    return null;
                case "measurements":
                    return null;
                case "progress":
                    console.WriteLine(data);
                    return null;
                default:
                    console.WriteLine($"[{kind}] {data}");
                    return null;
            }
        }

        private void Show()
        {
            if (mode == ProgressMode.Live)
            {
                Redraw?.Invoke();
                return;
            }

            var now = wallClock.GetUtcNow();
            if (mode == ProgressMode.Lines && snapshot is { } s && (s.ScenarioNumber != lineScenario || now - lastLine >= LineInterval))
            {
                console.WriteLine(ProgressView.Line(s, s.Now ?? now, now));
                lastLine = now;
                lineScenario = s.ScenarioNumber;
            }
        }
    }
}
