using System.Text;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Tests.Support;

namespace SpaceTestBench.Visa.Tests.Servers;

/// <summary>The HiSLIP server on the wire: bad headers, wrong sequences and vanishing clients, byte for byte.</summary>
public class HiSlipServerTests
{
    private const byte FatalError = 2;
    private const byte Error = 3;
    private const byte Data = 6;
    private const byte DataEnd = 7;
    private readonly List<Exception> _faults = [];
    private HiSlipServer _server = null!;

    [SetUp]
    public void Start()
    {
        _server = HiSlipServer.Start(new TestInstrument(), new HiSlipServerOptions
        {
            Port = 0,
            MaximumMessageSize = 1024,
            ClientFaults = e =>
            {
                lock (_faults)
                {
                    _faults.Add(e);
                }
            },
        });
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        Assert.That(_faults, Is.Empty);
    }

    private static async Task<string> QueryAsync(RawHiSlip sync, string query, uint messageId, byte rmtDelivered = 0)
    {
        await sync.SendAsync(DataEnd, rmtDelivered, messageId, Encoding.ASCII.GetBytes(query));
        var response = await sync.ReceiveAsync();
        Assert.That((response.Type, response.Parameter), Is.EqualTo((DataEnd, messageId)), "DataEND carrying the query's MessageID");
        return Encoding.ASCII.GetString(response.Payload);
    }

    [Test]
    public async Task Initialize_answers_version_1_0_and_a_session_id_and_prefers_synchronized_mode()
    {
        using var sync = await RawHiSlip.ConnectAsync(_server.EndPoint);

        await sync.SendAsync(0, 0, 0x0100_5858, "hislip0"u8.ToArray());
        var response = await sync.ReceiveAsync();

        Assert.That((response.Type, response.ControlCode, response.Parameter >> 16), Is.EqualTo(((byte)1, (byte)0, 0x0100u)));
        Assert.That(response.Parameter & 0xFFFF, Is.Not.Zero);
    }

    [Test]
    public async Task A_query_is_answered_with_the_message_id_of_its_data_end()
    {
        var (sync, async, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        using (sync)
        using (async)
        {
            Assert.That(await QueryAsync(sync, "*IDN?\n", 0xFFFF_FF00), Is.EqualTo("SpaceTestBench,TestInstrument,SN0001,1.0\n"));
            Assert.That(await QueryAsync(sync, "*OPC?", 0xFFFF_FF02, rmtDelivered: 1), Is.EqualTo("1\n"), "END alone ends a message");
        }
    }

    [Test]
    public async Task A_message_split_over_data_messages_runs_at_data_end()
    {
        var (sync, async, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        using (sync)
        using (async)
        {
            await sync.SendAsync(Data, 0, 0xFFFF_FF00, "*ID"u8.ToArray());
            await sync.SendAsync(DataEnd, 0, 0xFFFF_FF02, "N?"u8.ToArray());
            var response = await sync.ReceiveAsync();

            Assert.That((response.Type, response.Parameter), Is.EqualTo((DataEnd, 0xFFFF_FF02u)));
        }
    }

    [Test]
    public async Task A_header_without_the_hs_prologue_is_fatal_error_1_and_ends_only_that_session()
    {
        var (good, goodAsync, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        var (bad, badAsync, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        using (good)
        using (goodAsync)
        using (bad)
        using (badAsync)
        {
            await bad.SendRawAsync(RawHiSlip.Header("XX", DataEnd, 0, 0xFFFF_FF00, 5));
            var fatal = await bad.ReceiveAsync();

            Assert.That((fatal.Type, fatal.ControlCode), Is.EqualTo((FatalError, (byte)1)));
            Assert.That(await bad.IsClosedAsync(), Is.True);
            Assert.That(await badAsync.IsClosedAsync(), Is.True, "both channels of the session close");
            Assert.That(await QueryAsync(good, "*OPC?", 0xFFFF_FF00), Is.EqualTo("1\n"));
        }
    }

    [Test]
    public async Task A_connection_that_does_not_start_with_initialize_is_fatal_error_3()
    {
        using var raw = await RawHiSlip.ConnectAsync(_server.EndPoint);

        await raw.SendAsync(DataEnd, 0, 0xFFFF_FF00, "*IDN?"u8.ToArray());
        var fatal = await raw.ReceiveAsync();

        Assert.That((fatal.Type, fatal.ControlCode), Is.EqualTo((FatalError, (byte)3)));
        Assert.That(await raw.IsClosedAsync(), Is.True);
    }

    [Test]
    public async Task Async_initialize_for_an_unknown_session_is_fatal_error_3()
    {
        using var raw = await RawHiSlip.ConnectAsync(_server.EndPoint);

        await raw.SendAsync(17, 0, 0xBEEF);
        var fatal = await raw.ReceiveAsync();

        Assert.That((fatal.Type, fatal.ControlCode), Is.EqualTo((FatalError, (byte)3)));
    }

    [Test]
    public async Task Data_before_the_asynchronous_channel_is_established_is_fatal_error_2()
    {
        using var sync = await RawHiSlip.ConnectAsync(_server.EndPoint);
        await sync.SendAsync(0, 0, 0x0100_5858, "hislip0"u8.ToArray());
        await sync.ReceiveAsync();

        await sync.SendAsync(DataEnd, 0, 0xFFFF_FF00, "*IDN?"u8.ToArray());
        var fatal = await sync.ReceiveAsync();

        Assert.That((fatal.Type, fatal.ControlCode), Is.EqualTo((FatalError, (byte)2)));
    }

    [TestCase((byte)55, (byte)1, Description = "an unassigned message type")]
    [TestCase((byte)200, (byte)3, Description = "a vendor-specific message type")]
    [TestCase((byte)21, (byte)1, Description = "an asynchronous message on the synchronous channel")]
    public async Task An_unrecognized_message_is_an_error_and_the_session_goes_on(byte type, byte code)
    {
        var (sync, async, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        using (sync)
        using (async)
        {
            await sync.SendAsync(type, 0, 0, [1, 2, 3]);
            var error = await sync.ReceiveAsync();

            Assert.That((error.Type, error.ControlCode), Is.EqualTo((Error, code)));
            Assert.That(await QueryAsync(sync, "*OPC?", 0xFFFF_FF00), Is.EqualTo("1\n"));
        }
    }

    [Test]
    public async Task A_payload_over_the_maximum_message_size_is_error_4_and_is_discarded()
    {
        var (sync, async, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        using (sync)
        using (async)
        {
            await sync.SendAsync(DataEnd, 0, 0xFFFF_FF00, new byte[2000]);
            var error = await sync.ReceiveAsync();

            Assert.That((error.Type, error.ControlCode), Is.EqualTo((Error, (byte)4)));
            Assert.That(await QueryAsync(sync, "*OPC?", 0xFFFF_FF02), Is.EqualTo("1\n"));
        }
    }

    [Test]
    public async Task The_maximum_message_size_is_exchanged_on_the_asynchronous_channel()
    {
        var (sync, async, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        using (sync)
        using (async)
        {
            await async.SendAsync(15, 0, 0, [0, 0, 0, 0, 0, 0, 0x10, 0]);
            var response = await async.ReceiveAsync();

            Assert.That((response.Type, response.Payload), Is.EqualTo(((byte)16, new byte[] { 0, 0, 0, 0, 0, 0, 4, 0 })));
        }
    }

    [TestCase((byte)15, 3, Description = "AsyncMaximumMessageSize without its 8-byte size")]
    [TestCase((byte)4, 300, Description = "AsyncLock with a 300-byte key")]
    public async Task An_asynchronous_message_with_a_payload_of_the_wrong_size_is_an_error_and_the_session_goes_on(byte type, int length)
    {
        var (sync, async, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        using (sync)
        using (async)
        {
            await async.SendAsync(type, 1, 1000, new byte[length]);
            var error = await async.ReceiveAsync();

            Assert.That((error.Type, error.ControlCode), Is.EqualTo((Error, (byte)0)));
            await async.SendAsync(21, 0, 0xFFFF_FEFE);
            Assert.That((await async.ReceiveAsync()).Type, Is.EqualTo((byte)22), "the status query after it is answered");
            Assert.That(await QueryAsync(sync, "*OPC?", 0xFFFF_FF00), Is.EqualTo("1\n"));
        }
    }

    [Test]
    public async Task An_overlong_sub_address_is_fatal_error_3()
    {
        using var sync = await RawHiSlip.ConnectAsync(_server.EndPoint);

        await sync.SendAsync(0, 0, 0x0100_5858, new byte[1000]);
        var fatal = await sync.ReceiveAsync();

        Assert.That((fatal.Type, fatal.ControlCode), Is.EqualTo((FatalError, (byte)3)));
    }

    [Test]
    public async Task A_lock_request_with_an_unknown_control_code_is_error_2()
    {
        var (sync, async, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        using (sync)
        using (async)
        {
            await async.SendAsync(4, 9, 0);
            var error = await async.ReceiveAsync();

            Assert.That((error.Type, error.ControlCode), Is.EqualTo((Error, (byte)2)));
        }
    }

    [Test]
    public async Task A_client_that_vanishes_mid_payload_is_cleaned_up_and_others_are_served()
    {
        var (good, goodAsync, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
        using (good)
        using (goodAsync)
        {
            var (rude, rudeAsync, _) = await RawHiSlip.OpenSessionAsync(_server.EndPoint);
            await rude.SendRawAsync([.. RawHiSlip.Header("HS", DataEnd, 0, 0xFFFF_FF00, 500), .. new byte[100]]);
            rude.Dispose();
            rudeAsync.Dispose();

            Assert.That(await QueryAsync(good, "*OPC?", 0xFFFF_FF00), Is.EqualTo("1\n"));
            while (_server.SessionCount > 1)
            {
                await Task.Delay(10);
            }

            Assert.That(_server.SessionCount, Is.EqualTo(1));
        }
    }
}
