using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Resources;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Cli.Commands;

/// <summary>
/// <c>spacebench scpi &lt;resource&gt; &lt;message&gt; [--repeat N]</c>: send one SCPI message to an instrument and
/// print its response (a message with '?' is a query), or with --repeat the round-trip statistics.
/// </summary>
internal static class ScpiCommand
{
    public static Command Create(IAnsiConsole console, TimeProvider clock)
    {
        var resource = new Argument<string>("resource")
        {
            Description = "VISA resource string: TCPIP::host::port::SOCKET, TCPIP::host[::instN]::INSTR (VXI-11), TCPIP::host::hislip0[,port]::INSTR, ASRL/dev/ttyUSB0::INSTR.",
        };
        var message = new Argument<string>("message") { Description = "The program message, e.g. \"*IDN?\" or \"VOLT 1.8,(@1)\". A message containing '?' is read back." };
        var repeat = new Option<int?>("--repeat")
        {
            Description = "Send the message N times (after one untimed warm-up) and print min, median and p99 round trip.",
            HelpName = "N",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "I/O timeout in milliseconds.",
            DefaultValueFactory = _ => 5000,
            HelpName = "MS",
        };
        var portmapper = new Option<int>("--portmapper-port")
        {
            Description = "Where VXI-11 asks for the core port (instruments: 111; a simulator may use another).",
            DefaultValueFactory = _ => VisaOpenOptions.StandardPortmapperPort,
            HelpName = "PORT",
        };
        var checkErrors = new Option<bool>("--check-errors")
        {
            Description = "Afterwards read SYST:ERR? until empty and fail if the instrument reported an error.",
        };
        // Judged on the token, not with GetValue: a number past int's range has no value to get, and asking for
        // it throws out of the parser instead of printing a usage error.
        repeat.Validators.Add(r => RequireWholeNumber(r, "--repeat", 1, MaximumRepeat, "round trips"));
        timeout.Validators.Add(r => RequireWholeNumber(r, "--timeout", 1, MaximumTimeoutMilliseconds, "ms (one hour)"));

        var command = new Command("scpi", "Send a SCPI message to an instrument and print the response, or with --repeat the round-trip statistics (a command-line VISA client).")
        {
            resource, message, repeat, timeout, portmapper, checkErrors,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new ScpiRequest(parse.GetValue(resource)!, parse.GetValue(message)!, parse.GetValue(repeat), parse.GetValue(timeout), parse.GetValue(portmapper), parse.GetValue(checkErrors));
            return await ExecuteAsync(console, clock, request, cancellationToken);
        });
        return command;
    }

    // A million round trips is minutes on a fast link, and the statistics keep every sample; an hour is longer
    // than any instrument takes to answer.
    private const int MaximumRepeat = 1_000_000;
    private const int MaximumTimeoutMilliseconds = 3_600_000;

    private static void RequireWholeNumber(System.CommandLine.Parsing.OptionResult result, string name, int minimum, int maximum, string unit)
    {
        if (result.Tokens.Count == 0)
        {
            return;
        }

        var text = result.Tokens[^1].Value;
        if (!long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            result.AddError($"{name} must be a whole number from {minimum} to {maximum:N0} {unit}, not {text}.");
        }
    }

    private static async Task<int> ExecuteAsync(IAnsiConsole console, TimeProvider clock, ScpiRequest request, CancellationToken cancellationToken)
    {
        try
        {
            ResourceName.Parse(request.Resource).ThrowIfUnsupported();
        }
        catch (ResourceNameException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return ExitCodes.UsageError;
        }

        try
        {
            var options = new VisaOpenOptions { TimeoutMilliseconds = request.TimeoutMilliseconds, PortmapperPort = request.PortmapperPort };
            await using var session = await VisaResourceManager.OpenAsync(request.Resource, options, cancellationToken);
            var isQuery = request.Message.Contains('?', StringComparison.Ordinal);
            var response = await ExchangeAsync(session, request.Message, isQuery, cancellationToken);
            if (request.Repeat is { } count)
            {
                var samples = new List<TimeSpan>(count);
                for (var i = 0; i < count; i++)
                {
                    var start = clock.GetTimestamp();
                    response = await ExchangeAsync(session, request.Message, isQuery, cancellationToken);
                    samples.Add(clock.GetElapsedTime(start));
                }

                Print(console, response);
                var what = isQuery ? "round trips" : "writes (no response read)";
                console.WriteLine($"{count} {what} of '{request.Message}' to {session.Resource.Canonical}: {RoundTripStatistics.From(samples).Describe()}");
            }
            else
            {
                Print(console, response);
            }

            if (request.CheckErrors)
            {
                await session.ThrowOnErrorsAsync(request.Message, cancellationToken);
            }

            return ExitCodes.Passed;
        }
        catch (VisaException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return ExitCodes.Failed;
        }
    }

    private static async Task<string?> ExchangeAsync(IMessageBasedSession session, string message, bool isQuery, CancellationToken cancellationToken)
    {
        await session.FormattedIO.WriteLineAsync(message, cancellationToken);
        return isQuery ? await session.FormattedIO.ReadLineAsync(cancellationToken) : null;
    }

    private static void Print(IAnsiConsole console, string? response)
    {
        if (response is not null)
        {
            console.WriteLine(response);
        }
    }

    private sealed record ScpiRequest(string Resource, string Message, int? Repeat, int TimeoutMilliseconds, int PortmapperPort, bool CheckErrors);
}
