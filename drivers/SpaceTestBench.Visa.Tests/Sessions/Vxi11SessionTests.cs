using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Sessions;
using SpaceTestBench.Visa.Tests.Support;

namespace SpaceTestBench.Visa.Tests.Sessions;

public class Vxi11SessionTests
{
    private readonly List<Exception> _serverFaults = [];
    private TestInstrument _device = null!;
    private Vxi11Server _server = null!;

    [SetUp]
    public void Start()
    {
        _device = new TestInstrument();
        _server = Vxi11Server.Start(_device, new Vxi11ServerOptions { PortmapperPort = 0, MaxReceiveSize = 4096, ClientFaults = Fault });
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        Assert.That(_serverFaults, Is.Empty, "the server met no unexpected failure");
    }

    private void Fault(Exception e)
    {
        lock (_serverFaults)
        {
            _serverFaults.Add(e);
        }
    }

    private Task<IMessageBasedSession> OpenAsync(int timeout = Timeouts.Generous, string? resource = null) =>
        VisaResourceManager.OpenAsync(resource ?? _server.ResourceString, new VisaOpenOptions { TimeoutMilliseconds = timeout, PortmapperPort = _server.PortmapperPort!.Value });

    [Test]
    public async Task Opens_through_the_portmapper_and_identifies_the_instrument()
    {
        await using var session = await OpenAsync();

        Assert.That(session, Is.TypeOf<Vxi11Session>());
        Assert.That(await session.IdentifyAsync(), Is.EqualTo(TestInstrument.TestIdentity));
    }

    [Test]
    public async Task A_resource_without_device_name_opens_inst0()
    {
        await using var session = await OpenAsync(resource: $"TCPIP::{_server.CoreEndPoint.Address}::INSTR");

        Assert.That(await session.FormattedIO.QueryAsync("*OPC?"), Is.EqualTo("1"));
    }

    [Test]
    public async Task Sets_and_reads_back_a_number()
    {
        await using var session = await OpenAsync();

        await session.WriteCheckedAsync("VOLT 4.5");

        Assert.That(await session.QueryDoubleCheckedAsync("MEAS:VOLT?"), Is.EqualTo(4.5));
    }

    [Test]
    public async Task Reads_a_megabyte_block_and_writes_one_larger_than_max_receive_size()
    {
        var data = new byte[1 << 20];
        new Random(11).NextBytes(data);
        _device.Data = data;
        await using var session = await OpenAsync();

        var received = await session.FormattedIO.QueryBinaryBlockOfAsync<byte>("DATA?");
        await session.FormattedIO.WriteBinaryAsync("DATA ", data);
        var length = await session.FormattedIO.QueryAsync("DATA:LENG?");

        Assert.That(received, Is.EqualTo(data));
        Assert.That(length, Is.EqualTo("1048576"), "sent in 4096-byte device_writes, END on the last");
        Assert.That(_device.ReceivedBlock, Is.EqualTo(data));
    }

    [Test]
    public async Task A_rejected_command_raises_the_instruments_error()
    {
        await using var session = await OpenAsync();

        var e = Assert.ThrowsAsync<ScpiInstrumentException>(() => session.WriteCheckedAsync("BOGUS:CMD"));

        Assert.That((e!.Code, e.Command), Is.EqualTo((-113, "BOGUS:CMD")));
    }

    [Test]
    public async Task The_status_byte_shows_a_waiting_response_until_it_is_read()
    {
        await using var session = await OpenAsync();

        await session.FormattedIO.WriteLineAsync("*IDN?");
        var waiting = await session.ReadStatusByteAsync();
        await session.FormattedIO.ReadLineAsync();
        var read = await session.ReadStatusByteAsync();

        Assert.That(waiting.HasFlag(StatusByteFlags.MessageAvailable), Is.True);
        Assert.That(read.HasFlag(StatusByteFlags.MessageAvailable), Is.False);
    }

    [Test]
    public async Task Device_clear_discards_the_waiting_response()
    {
        await using var session = await OpenAsync();

        await session.FormattedIO.WriteLineAsync("*IDN?");
        await session.ClearAsync();

        Assert.That(await session.FormattedIO.QueryAsync("*OPC?"), Is.EqualTo("1"));
        Assert.That(_device.DeviceClears, Is.EqualTo(1));
        Assert.That(await session.FormattedIO.QueryAsync("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    [Test]
    public async Task A_trigger_reaches_the_instrument()
    {
        await using var session = await OpenAsync();

        await session.AssertTriggerAsync();
        await session.FormattedIO.QueryAsync("*OPC?");

        Assert.That(_device.Triggers, Is.EqualTo(1));
    }

    [Test]
    public async Task A_new_message_before_the_response_is_read_is_query_interrupted()
    {
        await using var session = await OpenAsync();

        await session.FormattedIO.WriteLineAsync("*IDN?");
        var answer = await session.FormattedIO.QueryAsync("*OPC?");

        Assert.That(answer, Is.EqualTo("1"));
        Assert.That(await session.FormattedIO.QueryAsync("SYST:ERR?"), Is.EqualTo("-410,\"Query INTERRUPTED\""));
    }

    [Test]
    public async Task A_read_with_nothing_to_read_times_out_and_is_query_unterminated()
    {
        await using var session = await OpenAsync(Timeouts.Expiring);

        Assert.ThrowsAsync<VisaTimeoutException>(async () => await session.FormattedIO.ReadLineAsync());
        session.TimeoutMilliseconds = Timeouts.Generous;

        Assert.That(await session.FormattedIO.QueryAsync("SYST:ERR?"), Is.EqualTo("-420,\"Query UNTERMINATED\""));
    }

    [Test]
    public async Task Cancelling_a_blocked_read_aborts_it_on_the_abort_channel_and_the_session_goes_on()
    {
        await using var session = await OpenAsync(timeout: 60_000);
        using var cancel = new CancellationTokenSource();

        var read = session.FormattedIO.ReadLineAsync(cancel.Token).AsTask();
        await Task.Delay(100);
        await cancel.CancelAsync();

        Assert.That(async () => await read, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await session.FormattedIO.QueryAsync("*IDN?"), Does.StartWith("SpaceTestBench,"), "the core channel is still in step");
    }

    [Test]
    public async Task A_locked_instrument_refuses_other_sessions_until_unlocked()
    {
        await using var owner = await OpenAsync();
        await using var other = await OpenAsync(Timeouts.Expiring);

        await owner.LockResourceAsync(1000);
        var refused = Assert.ThrowsAsync<VisaResourceLockedException>(async () => await other.FormattedIO.WriteLineAsync("VOLT 1"));
        await owner.FormattedIO.WriteLineAsync("VOLT 2");
        await owner.UnlockResourceAsync();
        await other.FormattedIO.WriteLineAsync("VOLT 3");

        Assert.That(refused!.Message, Does.Contain("another session holds the instrument's lock"));
        Assert.That(owner.LockState, Is.EqualTo(ResourceLockState.Unlocked));
        Assert.That(await other.FormattedIO.QueryAsync("VOLT?"), Is.EqualTo("+3.00000000E+00"));
    }

    [Test]
    public async Task A_session_waiting_for_a_lock_proceeds_when_it_is_released()
    {
        await using var owner = await OpenAsync();
        await using var other = await OpenAsync();
        await owner.LockResourceAsync(1000);

        var waiting = other.FormattedIO.QueryAsync("*OPC?").AsTask();
        await Task.Delay(100);
        Assert.That(waiting.IsCompleted, Is.False, "blocked by the lock");
        await owner.DisposeAsync();

        Assert.That(await waiting, Is.EqualTo("1"), "destroy_link released the lock");
    }

    [Test]
    public async Task Locking_twice_from_two_sessions_fails_for_the_second()
    {
        await using var owner = await OpenAsync();
        await using var other = await OpenAsync();
        await owner.LockResourceAsync(1000);

        Assert.ThrowsAsync<VisaResourceLockedException>(() => other.LockResourceAsync(50));
        Assert.ThrowsAsync<VisaOperationNotSupportedException>(() => other.LockResourceAsync(50, "shared-key"));
        Assert.ThrowsAsync<VisaResourceLockedException>(() => other.UnlockResourceAsync());
    }

    [Test]
    public async Task An_unknown_device_name_is_refused_with_the_name()
    {
        var e = Assert.ThrowsAsync<VisaConnectionLostException>(() => OpenAsync(resource: $"TCPIP::127.0.0.1::inst7::INSTR"));

        Assert.That(e!.Message, Does.Contain("has no device 'inst7'"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Several_devices_are_served_by_name()
    {
        var second = new TestInstrument();
        await using var server = Vxi11Server.Start(
            new Dictionary<string, IMessageDevice> { ["inst0"] = _device, ["gpib0,5"] = second },
            new Vxi11ServerOptions { PortmapperPort = 0 });
        var options = new VisaOpenOptions { TimeoutMilliseconds = Timeouts.Generous, PortmapperPort = server.PortmapperPort!.Value };
        await using var a = await VisaResourceManager.OpenAsync(server.ResourceStringOf("inst0"), options);
        await using var b = await VisaResourceManager.OpenAsync(server.ResourceStringOf("gpib0,5"), options);

        await a.FormattedIO.WriteLineAsync("VOLT 1");
        await b.FormattedIO.WriteLineAsync("VOLT 2");
        await a.FormattedIO.QueryAsync("*OPC?");
        await b.FormattedIO.QueryAsync("*OPC?");

        Assert.That((_device.Voltage[1], second.Voltage[1]), Is.EqualTo((1.0, 2.0)));
    }

    [Test]
    public async Task A_portmapper_that_knows_no_vxi11_service_is_reported()
    {
        await using var portmapper = PortmapperServer.Start();

        var e = Assert.ThrowsAsync<VisaConnectionLostException>(() =>
            VisaResourceManager.OpenAsync("TCPIP::127.0.0.1::INSTR", new VisaOpenOptions { TimeoutMilliseconds = Timeouts.Generous, PortmapperPort = portmapper.Port }));

        Assert.That(e!.Message, Does.Contain("knows no VXI-11 core service"));
    }

    [Test]
    public async Task Many_clients_are_served_at_once()
    {
        var clients = Enumerable.Range(1, 12).Select(async i =>
        {
            await using var session = await OpenAsync();
            for (var q = 0; q < 20; q++)
            {
                Assert.That(await session.FormattedIO.QueryAsync($"CHAN:LIST? (@{i})"), Is.EqualTo(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        });

        await Task.WhenAll(clients);
    }

    [Test]
    public async Task Reads_stop_at_the_termination_character_when_it_is_enabled()
    {
        _device.Data = "ab\ncd"u8.ToArray();
        await using var session = await OpenAsync();
        session.TerminationCharacterEnabled = true;
        var buffer = new byte[64];

        await session.FormattedIO.WriteLineAsync("DATA?");
        var first = await session.RawIO.ReadAsync(buffer);
        var second = await session.RawIO.ReadAsync(buffer.AsMemory(first.Count));

        Assert.That((first.Count, first.Status), Is.EqualTo((6, ReadStatus.TerminationCharacterEncountered)), "#15ab\\n");
        Assert.That((second.Count, second.Status), Is.EqualTo((3, ReadStatus.EndReceived)), "cd\\n with END");
    }
}
