using System.Net;
using System.Net.Sockets;
using Spectre.Console;
using SpaceTestBench.Cli.Commands;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Cli.Tests.Scpi;

public sealed class ScpiCommandTests : IDisposable
{
    private readonly StringWriter _output = new();
    private Bench _device = null!;
    private SocketServer _server = null!;

    public void Dispose() => _output.Dispose();

    [SetUp]
    public void Start()
    {
        _output.GetStringBuilder().Clear();
        _device = new Bench();
        _server = SocketServer.Start(_device);
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args) => await RunAsync(TimeProvider.System, args);

    private async Task<(int ExitCode, string Output)> RunAsync(TimeProvider clock, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(_output),
        });
        console.Profile.Width = 500;
        var exitCode = await SpacebenchApp.RunAsync(args, console, clock);
        return (exitCode, _output.ToString());
    }

    [Test]
    public async Task A_query_prints_the_response()
    {
        var (exitCode, output) = await RunAsync("scpi", _server.ResourceString, "*IDN?");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Is.EqualTo("ACME,Bench,42,1.0\n"));
    }

    [Test]
    public async Task A_command_prints_nothing_and_reaches_the_instrument()
    {
        var (exitCode, output) = await RunAsync("scpi", _server.ResourceString, "LEVel 3");

        Assert.That((exitCode, output), Is.EqualTo((0, "")));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (_device.Level != 3)
        {
            await Task.Delay(10, timeout.Token); // a raw socket write is not acknowledged: the server runs it when it arrives
        }
    }

    [Test]
    public async Task Repeat_prints_min_median_and_p99_round_trip_measured_on_the_clock()
    {
        // Each round trip reads the clock twice; this clock makes them 1, 2, …, 100 ms long.
        var clock = new SteppingClock();

        var (exitCode, output) = await RunAsync(clock, "scpi", _server.ResourceString, "*IDN?", "--repeat", "100");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Is.EqualTo(
            "ACME,Bench,42,1.0\n" +
            $"100 round trips of '*IDN?' to TCPIP0::127.0.0.1::{_server.EndPoint.Port}::SOCKET: min 1.0 µs, median 50.0 µs, p99 99.0 µs (mean 50.5 µs, max 100.0 µs)\n"));
    }

    [Test]
    public async Task Check_errors_reports_what_the_instrument_rejected()
    {
        var (exitCode, output) = await RunAsync("scpi", _server.ResourceString, "BOGUS 1", "--check-errors");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(output, Does.Contain("-113,\"Undefined header;BOGUS 1\" after 'BOGUS 1'"));
    }

    [Test]
    public async Task Vxi11_and_hislip_resources_work_too()
    {
        await using var vxi11 = Vxi11Server.Start(_device, new Vxi11ServerOptions { PortmapperPort = 0 });
        await using var hislip = HiSlipServer.Start(_device, new HiSlipServerOptions { Port = 0 });

        var viaVxi11 = await RunAsync("scpi", vxi11.ResourceString, "*IDN?", "--portmapper-port", vxi11.PortmapperPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _output.GetStringBuilder().Clear();
        var viaHiSlip = await RunAsync("scpi", hislip.ResourceString, "*IDN?");

        Assert.That(viaVxi11, Is.EqualTo((0, "ACME,Bench,42,1.0\n")));
        Assert.That(viaHiSlip, Is.EqualTo((0, "ACME,Bench,42,1.0\n")));
    }

    [TestCase("TCPIP::1.2.3.4::port::SOCKET", "'port' is not a valid port")]
    [TestCase("GPIB0::12::INSTR", "GPIB resources are not supported")]
    public async Task A_bad_resource_string_is_a_usage_error_naming_the_bad_part(string resource, string expected)
    {
        var (exitCode, output) = await RunAsync("scpi", resource, "*IDN?");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain(expected));
    }

    [Test]
    public async Task A_repeat_below_one_is_a_usage_error()
    {
        var (exitCode, output) = await RunAsync("scpi", _server.ResourceString, "*IDN?", "--repeat", "0");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("--repeat must be a whole number from 1 to 1,000,000 round trips, not 0"));
    }

    [Test]
    public async Task An_unreachable_instrument_fails_with_the_reason()
    {
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var unused = ((IPEndPoint)probe.LocalEndPoint!).Port;

        var (exitCode, output) = await RunAsync("scpi", $"TCPIP::127.0.0.1::{unused}::SOCKET", "*IDN?");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(output, Does.Contain("cannot connect to the instrument"));
    }

    [Test]
    public async Task A_query_without_an_answer_times_out()
    {
        var (exitCode, output) = await RunAsync("scpi", _server.ResourceString, "SILENT?", "--timeout", "300");

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(output, Does.Contain("timed out after 300 ms"));
    }

    [Test]
    public async Task The_verb_has_help()
    {
        var (exitCode, help) = await RunAsync("scpi", "--help");

        Assert.That(exitCode, Is.Zero);
        Assert.That(help, Does.Contain("--repeat").And.Contain("round-trip statistics").And.Contain("<resource> <message>"));
    }

    [Test]
    public void Statistics_use_nearest_rank_percentiles()
    {
        var samples = new[] { 5, 1, 4, 2, 3 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToList();

        var statistics = RoundTripStatistics.From(samples);

        Assert.That(statistics, Is.EqualTo(new RoundTripStatistics(5, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(5))));
    }

    /// <summary>A clock whose n-th measured interval lasts n microseconds.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _now;
        private long _step;
        private bool _start = true;

        public override long TimestampFrequency => 1_000_000;

        public override long GetTimestamp()
        {
            if (_start)
            {
                _step++;
            }
            else
            {
                _now += _step;
            }

            _start = !_start;
            return _now;
        }
    }

    private sealed class Bench() : ScpiDevice(new InstrumentIdentity("ACME", "Bench", "42", "1.0"))
    {
        public double Level { get; private set; }

        protected override void DeclareCommands(ScpiCommandTree tree) =>
            tree.Command("LEVel", ctx => Level = ctx.Parameter(0).AsNumber(new ScpiNumericRange("", 0, 10, 0)))
                .Query("SILent?", _ => throw new ScpiErrorException(ScpiError.ExecutionError));

        protected override void Reset() => Level = 0;
    }
}
