using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Sessions;
using SpaceTestBench.Visa.Tests.Support;

namespace SpaceTestBench.Visa.Tests.Sessions;

public class HiSlipSessionTests
{
    private readonly List<Exception> _serverFaults = [];
    private TestInstrument _device = null!;
    private HiSlipServer _server = null!;

    [SetUp]
    public void Start()
    {
        _device = new TestInstrument();
        _server = StartServer(new HiSlipServerOptions { Port = 0, ClientFaults = Fault });
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        Assert.That(_serverFaults, Is.Empty, "the server met no unexpected failure");
    }

    private HiSlipServer StartServer(HiSlipServerOptions options) => HiSlipServer.Start(_device, options);

    private void Fault(Exception e)
    {
        lock (_serverFaults)
        {
            _serverFaults.Add(e);
        }
    }

    private Task<IMessageBasedSession> OpenAsync(int timeout = Timeouts.Generous, long maximumMessageSize = 1L << 30, HiSlipServer? server = null) =>
        VisaResourceManager.OpenAsync((server ?? _server).ResourceString, new VisaOpenOptions { TimeoutMilliseconds = timeout, HiSlipMaximumMessageSize = maximumMessageSize });

    [Test]
    public async Task Opens_both_channels_and_identifies_the_instrument()
    {
        await using var session = await OpenAsync();

        Assert.That(session, Is.TypeOf<HiSlipSession>());
        Assert.That(((HiSlipSession)session).ServerMaximumMessageSize, Is.EqualTo((long)SocketServer.DefaultMaxMessageBytes), "the server announces its default limit");
        Assert.That(await session.IdentifyAsync(), Is.EqualTo(TestInstrument.TestIdentity));
        Assert.That(_server.SessionCount, Is.EqualTo(1));
    }

    [Test]
    public void The_resource_string_names_the_port_only_when_it_is_not_4880()
    {
        Assert.That(_server.ResourceString, Is.EqualTo($"TCPIP0::127.0.0.1::hislip0,{_server.EndPoint.Port}::INSTR"));
    }

    [Test]
    public async Task Sets_and_reads_back_a_number_and_raises_instrument_errors()
    {
        await using var session = await OpenAsync();

        await session.WriteCheckedAsync("VOLT 6.5");
        var value = await session.QueryDoubleCheckedAsync("MEAS:VOLT?");
        var e = Assert.ThrowsAsync<ScpiInstrumentException>(() => session.WriteCheckedAsync("VOLT 60"));

        Assert.That(value, Is.EqualTo(6.5));
        Assert.That(e!.Code, Is.EqualTo(-222));
    }

    [Test]
    public async Task Messages_and_responses_larger_than_the_maximum_are_split_into_data_messages()
    {
        await using var server = StartServer(new HiSlipServerOptions { Port = 0, MaximumMessageSize = 4096, ClientFaults = Fault });
        var data = new byte[1 << 20];
        new Random(5).NextBytes(data);
        _device.Data = data;
        await using var session = await OpenAsync(maximumMessageSize: 8192, server: server);

        await session.FormattedIO.WriteBinaryAsync("DATA ", data);
        var length = await session.FormattedIO.QueryAsync("DATA:LENG?");
        var received = await session.FormattedIO.QueryBinaryBlockOfAsync<byte>("DATA?");

        Assert.That(length, Is.EqualTo("1048576"));
        Assert.That(received, Is.EqualTo(data));
    }

    [Test]
    public async Task The_status_byte_shows_the_unread_response_until_it_is_read()
    {
        await using var session = await OpenAsync();

        await session.FormattedIO.WriteLineAsync("*IDN?");
        await WaitForResponseAsync(session);
        var waiting = await session.ReadStatusByteAsync();
        await session.FormattedIO.ReadLineAsync();
        var read = await session.ReadStatusByteAsync();

        Assert.That(waiting.HasFlag(StatusByteFlags.MessageAvailable), Is.True);
        Assert.That(read.HasFlag(StatusByteFlags.MessageAvailable), Is.False);
    }

    [Test]
    public async Task A_new_message_before_the_response_was_read_is_query_interrupted_and_the_stale_response_is_skipped()
    {
        await using var session = await OpenAsync();

        await session.FormattedIO.WriteLineAsync("*IDN?");
        await WaitForResponseAsync(session);
        var answer = await session.FormattedIO.QueryAsync("*OPC?");

        Assert.That(answer, Is.EqualTo("1"), "the *IDN? response carries an older MessageID and is skipped");
        Assert.That(await session.FormattedIO.QueryAsync("SYST:ERR?"), Is.EqualTo("-410,\"Query INTERRUPTED\""));
    }

    [Test]
    public async Task Device_clear_discards_the_response_and_restarts_message_ids()
    {
        await using var session = await OpenAsync();
        await session.FormattedIO.QueryAsync("*OPC?");

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
    public async Task A_read_that_times_out_leaves_the_session_usable()
    {
        await using var session = await OpenAsync(Timeouts.Expiring);

        Assert.ThrowsAsync<VisaTimeoutException>(async () => await session.FormattedIO.ReadLineAsync());
        session.TimeoutMilliseconds = Timeouts.Generous;

        Assert.That(await session.FormattedIO.QueryAsync("*OPC?"), Is.EqualTo("1"));
    }

    [Test]
    public async Task An_exclusive_lock_holds_other_sessions_back_until_released()
    {
        await using var owner = await OpenAsync();
        await using var other = await OpenAsync();

        await owner.LockResourceAsync(1000);
        var blocked = other.FormattedIO.QueryAsync("*OPC?").AsTask();
        await Task.Delay(100);
        var info = await ((HiSlipSession)owner).ReadLockInfoAsync();
        Assert.That(blocked.IsCompleted, Is.False, "the server holds the other session's message while the lock is held");
        await owner.UnlockResourceAsync();

        Assert.That(await blocked, Is.EqualTo("1"));
        Assert.That(info, Is.EqualTo((true, 1)));
        Assert.That(owner.LockState, Is.EqualTo(ResourceLockState.Unlocked));
    }

    [Test]
    public async Task A_second_lock_request_fails_after_its_timeout()
    {
        await using var owner = await OpenAsync();
        await using var other = await OpenAsync();
        await owner.LockResourceAsync(1000);

        var e = Assert.ThrowsAsync<VisaResourceLockedException>(() => other.LockResourceAsync(50));

        Assert.That(e!.Message, Does.Contain("held the instrument's lock"));
    }

    [Test]
    public async Task Sessions_presenting_the_same_key_share_a_lock_and_others_wait()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await using var outsider = await OpenAsync();

        Assert.That(await first.LockResourceAsync(1000, "bench-A"), Is.EqualTo("bench-A"));
        Assert.That(await second.LockResourceAsync(1000, "bench-A"), Is.EqualTo("bench-A"));
        Assert.ThrowsAsync<VisaResourceLockedException>(() => outsider.LockResourceAsync(50, "bench-B"));
        Assert.That(await second.FormattedIO.QueryAsync("*OPC?"), Is.EqualTo("1"));

        Assert.That((first.LockState, second.LockState), Is.EqualTo((ResourceLockState.SharedLock, ResourceLockState.SharedLock)));
    }

    [Test]
    public async Task Releasing_a_lock_not_held_is_refused()
    {
        await using var session = await OpenAsync();

        Assert.ThrowsAsync<VisaResourceLockedException>(() => session.UnlockResourceAsync());
    }

    [Test]
    public async Task A_lock_is_released_when_its_session_goes_away()
    {
        var owner = await OpenAsync();
        await using var other = await OpenAsync();
        await owner.LockResourceAsync(1000);

        await owner.DisposeAsync();

        Assert.That(await other.LockResourceAsync(Timeouts.Generous), Is.Null);
    }

    [Test]
    public async Task Cancelling_a_read_leaves_the_session_usable()
    {
        await using var session = await OpenAsync();
        using var cancel = new CancellationTokenSource();

        var read = session.FormattedIO.ReadLineAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        Assert.That(async () => await read, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await session.FormattedIO.QueryAsync("*OPC?"), Is.EqualTo("1"));
    }

    [Test]
    public async Task An_unknown_sub_address_is_refused_with_the_reason()
    {
        var resource = _server.ResourceString.Replace("hislip0", "hislip9", StringComparison.Ordinal);

        var e = Assert.ThrowsAsync<VisaConnectionLostException>(() =>
            VisaResourceManager.OpenAsync(resource, new VisaOpenOptions { TimeoutMilliseconds = Timeouts.Generous }));

        Assert.That(e!.Message, Does.Contain("no device at sub-address 'hislip9'"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Sessions_beyond_the_maximum_are_refused()
    {
        await using var server = StartServer(new HiSlipServerOptions { Port = 0, MaxSessions = 1, ClientFaults = Fault });
        await using var first = await OpenAsync(server: server);

        var e = Assert.ThrowsAsync<VisaConnectionLostException>(() => OpenAsync(server: server));

        Assert.That(e!.Message, Does.Contain("FatalError 4"));
    }

    [Test]
    public async Task Many_clients_are_served_at_once()
    {
        var clients = Enumerable.Range(1, 12).Select(async i =>
        {
            await using var session = await OpenAsync();
            for (var q = 0; q < 20; q++)
            {
                Assert.That(await session.FormattedIO.QueryAsync($"CHAN:LIST? (@{i},{q})"), Is.EqualTo($"{i},{q}"));
            }
        });

        await Task.WhenAll(clients);
    }

    [Test]
    public async Task A_server_preferring_overlapped_mode_is_switched_to_synchronized_mode_at_open()
    {
        byte? requestedFeatures = null;
        await using var server = new RawServer(async (socket, ct) =>
        {
            var first = await ReceiveAsync(socket, ct);
            if (first.Type == 0)
            {
                // Initialize → InitializeResponse preferring overlapped mode (control code 1), session 7.
                await SendAsync(socket, 1, 1, 0x0100_0007, [], ct);
                var clear = await ReceiveAsync(socket, ct);
                requestedFeatures = clear.ControlCode;
                await SendAsync(socket, 9, 0, 0, [], ct);
                var query = await ReceiveAsync(socket, ct);
                await SendAsync(socket, 7, 0, query.Parameter, "ACME,OVL,1,1\n"u8.ToArray(), ct);
                await ReceiveAsync(socket, ct);
                return;
            }

            await SendAsync(socket, 18, 0, 0, [], ct); // AsyncInitializeResponse
            await ReceiveAsync(socket, ct); // AsyncMaximumMessageSize
            await SendAsync(socket, 16, 0, 0, [0, 0, 0, 0, 0, 0x10, 0, 0], ct);
            await ReceiveAsync(socket, ct); // AsyncDeviceClear
            await SendAsync(socket, 23, 1, 0, [], ct);
            await ReceiveAsync(socket, ct); // until the client closes
        });
        var resource = $"TCPIP::127.0.0.1::hislip0,{server.Port}::INSTR";

        await using var session = await VisaResourceManager.OpenAsync(resource, new VisaOpenOptions { TimeoutMilliseconds = Timeouts.Generous });

        Assert.That(((HiSlipSession)session).ServerPrefersOverlap, Is.True);
        Assert.That(requestedFeatures, Is.EqualTo((byte)0), "DeviceClearComplete asks for synchronized mode");
        Assert.That(await session.FormattedIO.QueryAsync("*IDN?"), Is.EqualTo("ACME,OVL,1,1"));
    }

    private static async Task<(byte Type, byte ControlCode, uint Parameter, byte[] Payload)> ReceiveAsync(System.Net.Sockets.Socket socket, CancellationToken ct)
    {
        var header = new byte[16];
        await ReadExactAsync(socket, header, ct);
        var payload = new byte[(int)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8))];
        await ReadExactAsync(socket, payload, ct);
        return (header[2], header[3], System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)), payload);
    }

    private static async Task ReadExactAsync(System.Net.Sockets.Socket socket, byte[] buffer, CancellationToken ct)
    {
        for (var read = 0; read < buffer.Length;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), System.Net.Sockets.SocketFlags.None, ct);
            read += n > 0 ? n : throw new EndOfStreamException();
        }
    }

    private static Task SendAsync(System.Net.Sockets.Socket socket, byte type, byte controlCode, uint parameter, byte[] payload, CancellationToken ct) =>
        RawServer.SendAsync(socket, [.. RawHiSlip.Header("HS", type, controlCode, parameter, (ulong)payload.Length), .. payload], ct);

    /// <summary>Until the server has sent the response (MAV through the status query), so the test does not race it.</summary>
    private static async Task WaitForResponseAsync(IMessageBasedSession session)
    {
        while (!(await session.ReadStatusByteAsync()).HasFlag(StatusByteFlags.MessageAvailable))
        {
            await Task.Delay(5);
        }
    }
}
