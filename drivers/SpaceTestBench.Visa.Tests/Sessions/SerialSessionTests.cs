using System.Text;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Sessions;
using SpaceTestBench.Visa.Tests.Support;

namespace SpaceTestBench.Visa.Tests.Sessions;

/// <summary>Serial sessions against a simulated instrument on the other end of a pseudo-terminal pair (needs socat).</summary>
public class SerialSessionTests
{
    private readonly List<Exception> _faults = [];
    private PseudoTerminalPair _pair = null!;
    private TestInstrument _device = null!;
    private SerialServer _server = null!;

    [SetUp]
    public async Task Start()
    {
        _pair = await PseudoTerminalPair.StartAsync();
        _device = new TestInstrument();
        _server = SerialServer.Start(_device, _pair.First, new SerialSettings { BaudRate = 115200 }, e =>
        {
            lock (_faults)
            {
                _faults.Add(e);
            }
        });
    }

    [TearDown]
    public async Task Stop()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _pair?.Dispose();
        Assert.That(_faults, Is.Empty);
    }

    private Task<IMessageBasedSession> OpenAsync(SerialDriver driver = SerialDriver.Auto, int timeout = Timeouts.Generous) =>
        VisaResourceManager.OpenAsync($"ASRL{_pair.Second}::INSTR", new VisaOpenOptions
        {
            TimeoutMilliseconds = timeout,
            Serial = new SerialSettings { BaudRate = 115200, Driver = driver },
        });

    [TestCase(SerialDriver.Termios)]
    [TestCase(SerialDriver.SystemIOPorts)]
    public async Task Identifies_the_instrument_with_either_driver(SerialDriver driver)
    {
        await using var session = await OpenAsync(driver);

        Assert.That(session, Is.TypeOf<SerialSession>());
        Assert.That(await session.IdentifyAsync(), Is.EqualTo(TestInstrument.TestIdentity));
    }

    [Test]
    public async Task Sets_and_reads_back_a_number_and_raises_instrument_errors()
    {
        await using var session = await OpenAsync();

        await session.WriteCheckedAsync("VOLT 1.25");

        Assert.That(await session.QueryDoubleCheckedAsync("MEAS:VOLT?"), Is.EqualTo(1.25));
        Assert.That(Assert.ThrowsAsync<ScpiInstrumentException>(() => session.WriteCheckedAsync("NOPE"))!.Code, Is.EqualTo(-113));
    }

    [Test]
    public async Task A_binary_block_containing_the_termination_character_arrives_whole()
    {
        _device.Data = [.. Enumerable.Range(0, 4096).Select(i => (byte)i)];
        await using var session = await OpenAsync();

        var received = await session.FormattedIO.QueryBinaryBlockOfAsync<byte>("DATA?");

        Assert.That(received, Is.EqualTo(_device.Data));
        Assert.That(await session.FormattedIO.QueryAsync("*OPC?"), Is.EqualTo("1"));
    }

    [Test]
    public async Task A_read_with_nothing_to_read_times_out_and_the_session_recovers()
    {
        await using var session = await OpenAsync(timeout: Timeouts.Expiring);

        Assert.ThrowsAsync<VisaTimeoutException>(async () => await session.FormattedIO.ReadLineAsync());
        session.TimeoutMilliseconds = Timeouts.Generous;

        Assert.That(await session.FormattedIO.QueryAsync("*OPC?"), Is.EqualTo("1"));
    }

    [Test]
    public async Task Cancellation_is_reported_as_cancellation()
    {
        await using var session = await OpenAsync();
        using var cancel = new CancellationTokenSource();

        var read = session.FormattedIO.ReadLineAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        Assert.That(async () => await read, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void A_missing_device_is_connection_lost_naming_the_device()
    {
        var e = Assert.ThrowsAsync<VisaConnectionLostException>(() => VisaResourceManager.OpenAsync("ASRL/dev/does-not-exist::INSTR"));

        Assert.That(e!.Message, Does.Contain("/dev/does-not-exist"));
    }

    [Test]
    public void Asrl0_names_no_port()
    {
        var e = Assert.ThrowsAsync<ResourceNameException>(() => VisaResourceManager.OpenAsync("ASRL0::INSTR"));

        Assert.That(e!.Message, Does.Contain("ASRL numbers start at 1"));
    }

    [Test]
    public async Task The_server_answers_a_message_written_in_pieces()
    {
        await using var session = await OpenAsync();

        await session.RawIO.WriteAsync(Encoding.ASCII.GetBytes("*ID"));
        await session.RawIO.WriteAsync(Encoding.ASCII.GetBytes("N?\r\n"));

        Assert.That(await session.FormattedIO.ReadLineAsync(), Does.StartWith("SpaceTestBench,"));
    }
}
