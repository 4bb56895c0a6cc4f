using System.Text;
using System.Text.RegularExpressions;
using SpaceTestBench.Testing;
using SpaceTestBench.Visa;

namespace SpaceTestBench.Cli.Tests;

/// <summary><c>spacebench simulate</c> in-process: it prints every instrument's resource, serves it, and stops when cancelled.</summary>
public sealed partial class SimulateCommandTests
{
    [Test]
    public async Task It_serves_every_instrument_of_the_bench_until_stopped_and_a_VISA_client_can_talk_to_one()
    {
        var output = new SynchronisedWriter();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => SpacebenchApp.RunAsync(["simulate", "--time-scale", "3600"], RunCommandTests.PlainConsole(output), stop.Token));

        var printed = await WaitForAsync(output, "Serving 10 instrument(s)", run);
        var supply = SupplyLine().Match(printed);
        Assert.That(supply.Success, Is.True, printed);
        await using (var session = await VisaResourceManager.OpenAsync(supply.Groups["resource"].Value, new VisaOpenOptions { TimeoutMilliseconds = 20_000 }))
        {
            Assert.That(await session.FormattedIO.QueryAsync("*IDN?"), Is.EqualTo("Keysight Technologies,E36312A,MY61000101,2.1.0-1.0.4-1.12"));
        }

        await stop.CancelAsync();
        var exit = await run;

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed));
        Assert.That(printed, Does.Contain("3600 × real time"));
        foreach (var role in new[] { "latch-up monitor", "thermal chamber", "thermal shock chamber", "gamma source", "particle beam", "optical attenuator", "bit-error tester", "link emulator", "DUT" })
        {
            Assert.That(printed, Does.Match($@"(?m)^\s+{Regex.Escape(role)}\s+.+TCPIP0::127\.0\.0\.1::\d+::SOCKET"), role);
        }

        Assert.That(output.ToString(), Does.Contain("Stopped."));
    }

    [Test]
    public async Task The_alternate_bench_is_served_too()
    {
        var output = new SynchronisedWriter();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => SpacebenchApp.RunAsync(["simulate", "--bench", TestRepository.Path("benches/simulated-alternate.bench.json")], RunCommandTests.PlainConsole(output), stop.Token));

        var printed = await WaitForAsync(output, "Serving 4 instrument(s)", run);
        await stop.CancelAsync();

        Assert.That(await run, Is.EqualTo(ExitCodes.Passed));
        Assert.That(printed, Does.Contain("ESPEC P300").And.Contain("R&S NGP804").And.Contain("real time"));
    }

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("fast")]
    public async Task A_time_scale_that_is_not_a_positive_number_is_a_usage_error(string scale)
    {
        var (exit, output) = await RunCommandTests.Spacebench("simulate", "--time-scale", scale);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("--time-scale").Or.Contain(scale));
    }

    [Test]
    public async Task A_bench_file_that_cannot_be_used_is_a_usage_error_naming_it()
    {
        var (exit, output) = await RunCommandTests.Spacebench("simulate", "--bench", "nonexistent.bench.json");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("nonexistent.bench.json").And.Contain("does not exist"));
    }

    /// <summary>Waits (generously: this is wall time for a server to start) until the output contains <paramref name="text"/>.</summary>
    private static async Task<string> WaitForAsync(SynchronisedWriter output, string text, Task<int> run)
    {
        for (var i = 0; i < 600; i++)
        {
            var printed = output.ToString();
            if (printed.Contains(text, StringComparison.Ordinal))
            {
                return printed;
            }

            if (run.IsCompleted)
            {
                Assert.Fail($"simulate ended (exit {await run}) before printing '{text}':\n{printed}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        Assert.Fail($"simulate did not print '{text}' within a minute:\n{output}");
        return "";
    }

    [GeneratedRegex(@"(?m)^\s+DUT supply\s+Keysight E36312A\s+(?<resource>TCPIP0::127\.0\.0\.1::\d+::SOCKET)")]
    private static partial Regex SupplyLine();

    /// <summary>A text writer the command writes to on one thread while the test reads it on another.</summary>
    private sealed class SynchronisedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
