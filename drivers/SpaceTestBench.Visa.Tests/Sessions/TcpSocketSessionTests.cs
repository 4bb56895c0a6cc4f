using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Sessions;
using SpaceTestBench.Visa.Tests.Support;

namespace SpaceTestBench.Visa.Tests.Sessions;

public class TcpSocketSessionTests
{
    private readonly List<Exception> _serverFaults = [];
    private TestInstrument _device = null!;
    private SocketServer _server = null!;

    [SetUp]
    public void Start()
    {
        _device = new TestInstrument();
        _server = SocketServer.Start(_device, clientFaults: e =>
        {
            lock (_serverFaults)
            {
                _serverFaults.Add(e);
            }
        });
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        Assert.That(_serverFaults, Is.Empty, "the server met no unexpected failure");
    }

    private Task<IMessageBasedSession> OpenAsync(int timeout = Timeouts.Generous) =>
        VisaResourceManager.OpenAsync(_server.ResourceString, new VisaOpenOptions { TimeoutMilliseconds = timeout });

    private static Task<IMessageBasedSession> OpenAsync(RawServer server, int timeout = Timeouts.Generous) =>
        VisaResourceManager.OpenAsync(server.SocketResource, new VisaOpenOptions { TimeoutMilliseconds = timeout });

    private static RawServer Answering(string response) => new(async (socket, ct) =>
    {
        await RawServer.ReadLineAsync(socket, ct);
        await RawServer.SendAsync(socket, Encoding.ASCII.GetBytes(response), ct);
        await RawServer.ReadLineAsync(socket, ct);
        await RawServer.SendAsync(socket, "next\n"u8.ToArray(), ct);
    });

    [Test]
    public async Task Identifies_the_instrument()
    {
        await using var session = await OpenAsync();

        var identity = await session.IdentifyAsync();

        Assert.That(identity, Is.EqualTo(TestInstrument.TestIdentity));
    }

    [Test]
    public async Task Sets_and_reads_back_a_number()
    {
        await using var session = await OpenAsync();

        await session.FormattedIO.WriteLineAsync("VOLT ", 2.75);
        var value = await session.FormattedIO.QueryDoubleAsync("MEAS:VOLT?");

        Assert.That(value, Is.EqualTo(2.75));
    }

    [Test]
    public async Task Reads_a_megabyte_block_byte_for_byte()
    {
        var data = new byte[1 << 20];
        new Random(7).NextBytes(data);
        _device.Data = data;
        await using var session = await OpenAsync();

        var received = await session.FormattedIO.QueryBinaryBlockOfAsync<byte>("DATA?");
        var after = await session.FormattedIO.QueryAsync("*OPC?");

        Assert.That(received, Is.EqualTo(data));
        Assert.That(after, Is.EqualTo("1"), "the block's terminator was consumed, nothing else");
    }

    [Test]
    public async Task Reads_a_block_into_caller_memory()
    {
        _device.Data = Encoding.ASCII.GetBytes("hello\nworld");
        await using var session = await OpenAsync();
        var destination = new byte[64];

        await session.FormattedIO.WriteLineAsync("DATA?");
        var count = await session.FormattedIO.ReadBinaryBlockAsync(destination);

        Assert.That(Encoding.ASCII.GetString(destination, 0, count), Is.EqualTo("hello\nworld"));
    }

    [Test]
    public async Task Reads_floats_in_either_byte_order()
    {
        _device.Samples = [1.5f, -2.25f, 3e-3f];
        await using var session = await OpenAsync();

        var big = await session.FormattedIO.QueryBinaryBlockOfAsync<float>("DATA:FLO?");
        var swapped = await session.FormattedIO.QueryBinaryBlockOfAsync<float>("DATA:FLO?", ByteOrder.LittleEndian);

        Assert.That(big, Is.EqualTo(new[] { 1.5f, -2.25f, 3e-3f }));
        Assert.That(swapped[0], Is.EqualTo(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(1.5f)))));
    }

    [TestCase(ByteOrder.BigEndian)]
    [TestCase(ByteOrder.LittleEndian)]
    public async Task Writes_int16_int32_and_float64_blocks_in_either_byte_order(ByteOrder order)
    {
        await using var session = await OpenAsync();

        await session.FormattedIO.WriteBinaryAsync("DATA ", new short[] { 1, -2 }, order);
        await session.WaitForOperationCompleteAsync();
        var shorts = _device.ReceivedBlock!;
        await session.FormattedIO.WriteBinaryAsync("DATA ", new[] { 0x01020304 }, order);
        await session.WaitForOperationCompleteAsync();
        var ints = _device.ReceivedBlock!;
        await session.FormattedIO.WriteBinaryAsync("DATA ", new[] { 0.5 }, order);
        await session.WaitForOperationCompleteAsync();
        var doubles = _device.ReceivedBlock!;

        var little = order == ByteOrder.LittleEndian;
        Assert.Multiple(() =>
        {
            Assert.That(little ? BinaryPrimitives.ReadInt16LittleEndian(shorts.AsSpan(2)) : BinaryPrimitives.ReadInt16BigEndian(shorts.AsSpan(2)), Is.EqualTo(-2));
            Assert.That(ints, Is.EqualTo(little ? new byte[] { 4, 3, 2, 1 } : new byte[] { 1, 2, 3, 4 }));
            Assert.That(little ? BinaryPrimitives.ReadDoubleLittleEndian(doubles) : BinaryPrimitives.ReadDoubleBigEndian(doubles), Is.EqualTo(0.5));
        });
    }

    [Test]
    public async Task A_rejected_command_raises_the_instruments_error_with_the_command()
    {
        await using var session = await OpenAsync();

        var e = Assert.ThrowsAsync<ScpiInstrumentException>(() => session.WriteCheckedAsync("VOLT 50"));

        Assert.That((e!.Code, e.Text, e.Command), Is.EqualTo((-222, "Data out of range;50", "VOLT 50")));
    }

    [Test]
    public async Task A_command_checked_in_its_own_message_is_executed_and_its_error_raised_with_the_command()
    {
        await using var session = await OpenAsync();

        await session.WriteWithErrorCheckAsync("VOLT 4.5");
        var e = Assert.ThrowsAsync<ScpiInstrumentException>(() => session.WriteWithErrorCheckAsync("VOLT 50"));

        Assert.That(await session.FormattedIO.QueryDoubleAsync("VOLT?"), Is.EqualTo(4.5));
        Assert.That((e!.Code, e.Text, e.Command), Is.EqualTo((-222, "Data out of range;50", "VOLT 50")));
    }

    [Test]
    public async Task A_command_error_in_a_checked_message_says_why_instead_of_only_timing_out()
    {
        // A -1xx error skips the rest of the message, the error query with it: no answer, then the queue is drained.
        await using var session = await OpenAsync(Timeouts.Expiring);

        var e = Assert.ThrowsAsync<ScpiInstrumentException>(() => session.WriteWithErrorCheckAsync("BOGUS:CMD 1"));

        Assert.That((e!.Code, e.Command), Is.EqualTo((-113, "BOGUS:CMD 1")));
        Assert.That(await session.FormattedIO.QueryAsync("SYST:ERR?"), Does.StartWith("0,"), "the queue was drained");
    }

    [Test]
    public async Task A_rejected_query_says_why_instead_of_only_timing_out()
    {
        await using var session = await OpenAsync(Timeouts.Expiring);

        var e = Assert.ThrowsAsync<ScpiInstrumentException>(() => session.QueryDoubleCheckedAsync("MEAS:CURR?"));

        Assert.That((e!.Code, e.Command), Is.EqualTo((-113, "MEAS:CURR?")));
    }

    [Test]
    public async Task Esr_and_opc_and_the_status_byte_are_read()
    {
        await using var session = await OpenAsync();
        await session.ReadEventStatusRegisterAsync();

        await session.FormattedIO.WriteLineAsync("*ESE 32;*SRE 32;BOGUS");
        await session.WaitForOperationCompleteAsync();
        var stb = await session.ReadStatusByteAsync();
        var esr = await session.ReadEventStatusRegisterAsync();

        Assert.That(stb, Is.EqualTo(StatusByteFlags.ErrorAvailable | StatusByteFlags.EventStatusRegister | StatusByteFlags.RequestingService));
        Assert.That(esr, Is.EqualTo(StandardEvents.CommandError));
    }

    [Test]
    public async Task Many_clients_are_served_at_once()
    {
        var clients = Enumerable.Range(1, 16).Select(async i =>
        {
            await using var session = await OpenAsync();
            for (var q = 0; q < 25; q++)
            {
                var channels = await session.FormattedIO.QueryAsync($"CHAN:LIST? (@{i}:{i + (q % 3)})");
                Assert.That(channels, Is.EqualTo(string.Join(",", Enumerable.Range(i, (q % 3) + 1))));
            }
        });

        await Task.WhenAll(clients);
    }

    [Test]
    public async Task A_read_with_nothing_to_read_times_out_and_the_session_recovers()
    {
        await using var session = await OpenAsync(Timeouts.Expiring);

        await session.FormattedIO.WriteLineAsync("VOLT 1");
        Assert.ThrowsAsync<VisaTimeoutException>(async () => await session.FormattedIO.ReadLineAsync());
        session.TimeoutMilliseconds = Timeouts.Generous;

        Assert.That(await session.FormattedIO.QueryAsync("VOLT?"), Is.EqualTo("+1.00000000E+00"));
    }

    [Test]
    public async Task A_late_response_is_not_taken_as_the_answer_to_the_next_query()
    {
        var release = new TaskCompletionSource();
        var lateSent = new TaskCompletionSource();
        await using var server = new RawServer(async (socket, ct) =>
        {
            var first = await RawServer.ReadLineAsync(socket, ct);
            await release.Task.WaitAsync(ct);
            await RawServer.SendAsync(socket, Encoding.ASCII.GetBytes($"late answer to {first}\n"), ct);
            lateSent.SetResult();
            var second = await RawServer.ReadLineAsync(socket, ct);
            await RawServer.SendAsync(socket, Encoding.ASCII.GetBytes($"answer to {second}\n"), ct);
        });
        await using var session = await OpenAsync(server, Timeouts.Expiring);

        Assert.ThrowsAsync<VisaTimeoutException>(async () => await session.FormattedIO.QueryAsync("A?"));
        release.SetResult();
        await lateSent.Task;
        session.TimeoutMilliseconds = Timeouts.Generous;

        Assert.That(await session.FormattedIO.QueryAsync("B?"), Is.EqualTo("answer to B?"));
    }

    [Test]
    public async Task A_refused_connection_is_connection_lost()
    {
        var port = _server.EndPoint.Port;
        await _server.DisposeAsync();
        _server = SocketServer.Start(_device);

        var e = Assert.ThrowsAsync<VisaConnectionLostException>(() =>
            VisaResourceManager.OpenAsync($"TCPIP::127.0.0.1::{port}::SOCKET", new VisaOpenOptions { TimeoutMilliseconds = Timeouts.Generous }));

        Assert.That(e!.Message, Does.Contain($"cannot connect to the instrument at 127.0.0.1:{port}"));
    }

    [Test]
    public async Task A_block_cut_off_by_a_closed_connection_is_connection_lost()
    {
        await using var server = new RawServer(async (socket, ct) =>
        {
            await RawServer.ReadLineAsync(socket, ct);
            await RawServer.SendAsync(socket, Encoding.ASCII.GetBytes("#3100abc"), ct);
            socket.Shutdown(SocketShutdown.Both);
        });
        await using var session = await OpenAsync(server);

        Assert.ThrowsAsync<VisaConnectionLostException>(async () => await session.FormattedIO.QueryBinaryBlockOfAsync<byte>("DATA?"));
    }

    [Test]
    public async Task A_block_that_stops_arriving_times_out()
    {
        await using var server = new RawServer(async (socket, ct) =>
        {
            await RawServer.ReadLineAsync(socket, ct);
            await RawServer.SendAsync(socket, Encoding.ASCII.GetBytes("#3100abc"), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        await using var session = await OpenAsync(server, Timeouts.Expiring);

        Assert.ThrowsAsync<VisaTimeoutException>(async () => await session.FormattedIO.QueryBinaryBlockOfAsync<byte>("DATA?"));
    }

    [TestCase("garbage\n", "expected an arbitrary block starting with '#'")]
    [TestCase("#x12\n", "has no digit count")]
    [TestCase("#2a1xyz\n", "not a digit")]
    [TestCase("#13abcdef\n", "its length header and its data disagree")]
    [TestCase("#0abc\n", "indefinite-length block (#0)")]
    public async Task A_malformed_block_is_a_protocol_error_and_the_next_message_reads_cleanly(string response, string expected)
    {
        await using var server = Answering(response);
        await using var session = await OpenAsync(server);

        var e = Assert.ThrowsAsync<VisaProtocolException>(async () => await session.FormattedIO.QueryBinaryBlockOfAsync<byte>("DATA?"));

        Assert.That(e!.Message, Does.Contain(expected));
        Assert.That(await session.FormattedIO.QueryAsync("X?"), Is.EqualTo("next"));
    }

    [Test]
    public async Task A_block_of_the_wrong_size_for_its_element_type_is_a_protocol_error()
    {
        _device.Data = [1, 2, 3];
        await using var session = await OpenAsync();

        var e = Assert.ThrowsAsync<VisaProtocolException>(async () => await session.FormattedIO.QueryBinaryBlockOfAsync<int>("DATA?"));

        Assert.That(e!.Message, Does.Contain("not a whole number of 4-byte elements"));
    }

    [TestCase("abc")]
    [TestCase("1.5V")]
    [TestCase("1,2")]
    [TestCase("")]
    [TestCase("NaN")]
    public async Task A_garbled_number_is_a_protocol_error_not_a_value(string response)
    {
        await using var server = Answering(response + "\n");
        await using var session = await OpenAsync(server);

        Assert.ThrowsAsync<VisaProtocolException>(async () => await session.FormattedIO.QueryDoubleAsync("MEAS?"));
    }

    [TestCase("9.91E37", double.NaN)]
    [TestCase("+9.9E+37", double.PositiveInfinity)]
    [TestCase("-9.90000000E+37", double.NegativeInfinity)]
    [TestCase("+1.25000000E-03", 1.25e-3)]
    public async Task Scpi_not_a_number_and_infinity_become_ieee_values(string response, double expected)
    {
        await using var server = Answering(response + "\n");
        await using var session = await OpenAsync(server);

        Assert.That(await session.FormattedIO.QueryDoubleAsync("MEAS?"), Is.EqualTo(expected));
    }

    [Test]
    public async Task An_oversized_response_is_refused_and_the_next_one_reads_cleanly()
    {
        _device.Data = new byte[10_000];
        await using var session = await OpenAsync();
        session.FormattedIO.MaxResponseBytes = 1000;

        var e = Assert.ThrowsAsync<VisaProtocolException>(async () => await session.FormattedIO.QueryAsync("DATA?"));

        Assert.That(e!.Message, Does.Contain("more than the 1000 bytes"));
        Assert.That(await session.FormattedIO.QueryAsync("*IDN?"), Does.StartWith("SpaceTestBench,"));
    }

    [Test]
    public async Task Cancellation_is_reported_as_cancellation_not_timeout()
    {
        await using var session = await OpenAsync();
        using var cancel = new CancellationTokenSource();

        var read = session.FormattedIO.ReadLineAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        Assert.That(async () => await read, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Overlapping_operations_are_refused()
    {
        await using var session = await OpenAsync();
        using var cancel = new CancellationTokenSource();

        var pending = session.RawIO.ReadAsync(new byte[10], cancel.Token).AsTask();
        var e = Assert.ThrowsAsync<InvalidOperationException>(async () => await session.RawIO.ReadAsync(new byte[10]));
        await cancel.CancelAsync();

        Assert.That(e!.Message, Does.Contain("one operation at a time"));
        Assert.That(async () => await pending, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Locking_a_raw_socket_is_refused_rather_than_pretended()
    {
        await using var session = await OpenAsync();

        Assert.ThrowsAsync<VisaOperationNotSupportedException>(() => session.LockResourceAsync(1000));
    }

    [Test]
    public async Task A_client_that_vanishes_mid_message_does_not_disturb_the_others()
    {
        await using var session = await OpenAsync();
        using (var rude = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await rude.ConnectAsync(_server.EndPoint);
            await rude.SendAsync("VOLT 3;DATA #9000001000abc"u8.ToArray());
        }

        Assert.That(await session.FormattedIO.QueryAsync("*IDN?"), Does.StartWith("SpaceTestBench,"));
    }

    [Test]
    public async Task Gpib_and_usb_resources_are_refused_with_the_reason()
    {
        var e = Assert.ThrowsAsync<ResourceNameException>(() => VisaResourceManager.OpenAsync("GPIB0::12::INSTR"));

        Assert.That(e!.Message, Does.Contain("GPIB resources are not supported"));
        await Task.CompletedTask;
    }
}
