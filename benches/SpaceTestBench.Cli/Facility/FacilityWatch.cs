using System.CommandLine;
using System.Net;
using Spectre.Console;

namespace SpaceTestBench.Cli.Facility;

/// <summary>
/// <c>spacebench facility watch CAMPAIGN</c>: prints a campaign's progress as it happens, from the API's
/// server-sent events, reconnecting with <c>Last-Event-ID</c> when the connection drops (a control-node
/// restart included). Exit 0 when the campaign passed, 1 when it ended otherwise.
/// </summary>
internal static class FacilityWatch
{
    public static Command Create(IAnsiConsole console)
    {
        var (url, token) = FacilityCommand.ConnectionOptions();
        var campaign = new Argument<Guid>("campaign") { Description = "The campaign id." };
        var command = new Command("watch", "Follow a campaign's progress until it ends (resumes after a dropped connection).") { url, token, campaign };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = FacilityCommand.Connect(console, parse.GetValue(url), parse.GetValue(token));
            return client is null ? ExitCodes.UsageError : await WatchAsync(console, client, parse.GetValue(campaign), cancellationToken);
        });
        return command;
    }

    public static async Task<int> WatchAsync(IAnsiConsole console, FacilityClient client, Guid campaign, CancellationToken cancellationToken)
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
                        var data = line[6..];
                        if (kind == "end")
                        {
                            console.MarkupLineInterpolated($"Campaign {campaign} ended: [bold]{data}[/]");
                            return data == "passed" ? ExitCodes.Passed : ExitCodes.Failed;
                        }

                        console.WriteLine(kind == "progress" ? data : $"[{kind}] {data}");
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException && ++failures < 60)
            {
                // The control node restarted or the network dropped: resume after the last event seen.
                await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
            }
        }

        return ExitCodes.Failed;
    }
}
