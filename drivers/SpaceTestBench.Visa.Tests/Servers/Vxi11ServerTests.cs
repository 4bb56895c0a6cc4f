using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SpaceTestBench.Visa.Protocols.OncRpc;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Tests.Support;

namespace SpaceTestBench.Visa.Tests.Servers;

/// <summary>The VXI-11 server on the wire: what pyvisa-py, lxi and misbehaving clients send, byte for byte.</summary>
public class Vxi11ServerTests
{
    private const uint Core = 0x0607AF;
    private const uint Success = 0;
    private readonly List<Exception> _faults = [];
    private TestInstrument _device = null!;
    private Vxi11Server _server = null!;

    [SetUp]
    public void Start()
    {
        _device = new TestInstrument();
        _server = Vxi11Server.Start(_device, new Vxi11ServerOptions
        {
            PortmapperPort = 0,
            MaxReceiveSize = 1024,
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

    private Task<RawRpc> ConnectAsync() => RawRpc.ConnectAsync(_server.CoreEndPoint);

    private static async Task<int> CreateLinkAsync(RawRpc rpc, string device = "inst0", bool lockDevice = false)
    {
        await rpc.SendRecordAsync(rpc.Call(Core, 1, 10, w => w.Int32(42).Bool(lockDevice).UInt32(0).String(device)));
        var (_, words, _) = await rpc.ReceiveAsync();
        Assert.That((words[4], words[5]), Is.EqualTo((Success, 0u)), "create_link accepted without error");
        return (int)words[6];
    }

    private static async Task<uint> WriteAsync(RawRpc rpc, int link, string data, uint flags)
    {
        await rpc.SendRecordAsync(rpc.Call(Core, 1, 11, w => w.Int32(link).UInt32(1000).UInt32(0).UInt32(flags).Opaque(Encoding.ASCII.GetBytes(data))));
        var (_, words, _) = await rpc.ReceiveAsync();
        return words[5];
    }

    private static async Task<(uint Error, uint Reason, string Data)> ReadAsync(RawRpc rpc, int link, uint requestSize = 1000, uint flags = 0, byte termChar = 0, uint ioTimeout = 5000)
    {
        await rpc.SendRecordAsync(rpc.Call(Core, 1, 12, w => w.Int32(link).UInt32(requestSize).UInt32(ioTimeout).UInt32(0).UInt32(flags).UInt32(termChar)));
        var (_, words, body) = await rpc.ReceiveAsync();
        var length = (int)words[7];
        return (words[5], words[6], Encoding.ASCII.GetString(body, 36, length));
    }

    [Test]
    public async Task Create_link_reports_the_abort_port_and_max_receive_size()
    {
        using var rpc = await ConnectAsync();

        await rpc.SendRecordAsync(rpc.Call(Core, 1, 10, w => w.Int32(7).Bool(false).UInt32(0).String("inst0")));
        var (xid, words, _) = await rpc.ReceiveAsync();

        Assert.That(xid, Is.EqualTo(rpc.LastXid));
        Assert.That(words[..5], Is.EqualTo(new uint[] { 1, 0, 0, 0, Success }));
        Assert.That((words[5], words[7], words[8]), Is.EqualTo((0u, (uint)_server.AbortEndPoint.Port, 1024u)));
    }

    [Test]
    public async Task An_lxi_style_write_with_end_and_no_newline_is_a_complete_message()
    {
        using var rpc = await ConnectAsync();
        var link = await CreateLinkAsync(rpc);

        Assert.That(await WriteAsync(rpc, link, "*IDN?", flags: 9), Is.EqualTo(0u));
        var (error, reason, data) = await ReadAsync(rpc, link, requestSize: 0x500000);

        Assert.That((error, reason, data), Is.EqualTo((0u, 4u, "SpaceTestBench,TestInstrument,SN0001,1.0\n")));
    }

    [Test]
    public async Task A_pyvisa_style_write_with_crlf_and_no_end_is_a_complete_message()
    {
        using var rpc = await ConnectAsync();
        var link = await CreateLinkAsync(rpc);

        await WriteAsync(rpc, link, "*OPC?\r\n", flags: 0);

        Assert.That(await ReadAsync(rpc, link), Is.EqualTo((0u, 4u, "1\n")));
    }

    [Test]
    public async Task A_message_without_end_or_newline_waits_for_the_rest()
    {
        using var rpc = await ConnectAsync();
        var link = await CreateLinkAsync(rpc);

        await WriteAsync(rpc, link, "VOLT 7;", flags: 0);
        Assert.That(_device.Voltage[1], Is.Zero);
        await WriteAsync(rpc, link, "VOLT?", flags: 8);

        Assert.That(await ReadAsync(rpc, link), Is.EqualTo((0u, 4u, "+7.00000000E+00\n")));
    }

    [Test]
    public async Task A_response_is_served_in_request_size_pieces_with_end_on_the_last()
    {
        using var rpc = await ConnectAsync();
        var link = await CreateLinkAsync(rpc);
        await WriteAsync(rpc, link, "*IDN?", flags: 8);

        var first = await ReadAsync(rpc, link, requestSize: 5);
        var rest = await ReadAsync(rpc, link, requestSize: 100);

        Assert.That(first, Is.EqualTo((0u, 1u, "Space")), "REQCNT");
        Assert.That(rest, Is.EqualTo((0u, 4u, "TestBench,TestInstrument,SN0001,1.0\n")), "END");
    }

    [Test]
    public async Task A_read_stops_at_the_termination_character_when_asked()
    {
        _device.Data = "x\ny"u8.ToArray();
        using var rpc = await ConnectAsync();
        var link = await CreateLinkAsync(rpc);
        await WriteAsync(rpc, link, "DATA?", flags: 8);

        Assert.That(await ReadAsync(rpc, link, flags: 128, termChar: (byte)'\n'), Is.EqualTo((0u, 2u, "#13x\n")), "CHR");
        Assert.That(await ReadAsync(rpc, link, flags: 128, termChar: (byte)'\n'), Is.EqualTo((0u, 6u, "y\n")), "CHR and END");
    }

    [Test]
    public async Task A_write_longer_than_max_receive_size_is_a_parameter_error()
    {
        using var rpc = await ConnectAsync();
        var link = await CreateLinkAsync(rpc);

        Assert.That(await WriteAsync(rpc, link, new string('x', 1025), flags: 8), Is.EqualTo(5u));
    }

    [Test]
    public async Task An_unknown_link_is_error_4()
    {
        using var rpc = await ConnectAsync();

        Assert.That(await WriteAsync(rpc, 999, "*IDN?", flags: 8), Is.EqualTo(4u));
    }

    [Test]
    public async Task A_link_of_another_connection_cannot_be_used()
    {
        using var owner = await ConnectAsync();
        using var intruder = await ConnectAsync();
        var link = await CreateLinkAsync(owner);

        Assert.That(await WriteAsync(intruder, link, "*RST", flags: 8), Is.EqualTo(4u));
    }

    [Test]
    public async Task A_record_in_many_fragments_is_reassembled()
    {
        using var rpc = await ConnectAsync();
        var call = rpc.Call(Core, 1, 10, w => w.Int32(1).Bool(false).UInt32(0).String("inst0"));

        await rpc.SendRecordAsync(call, fragmentSize: 3);
        var (_, words, _) = await rpc.ReceiveAsync();

        Assert.That((words[4], words[5]), Is.EqualTo((Success, 0u)));
    }

    [TestCase(0x123456u, 1u, 1u, Description = "another program: PROG_UNAVAIL")]
    [TestCase(Core, 2u, 2u, Description = "another version: PROG_MISMATCH")]
    [TestCase(Core, 1u, 3u, Description = "no such procedure: PROC_UNAVAIL")]
    public async Task A_call_the_server_does_not_offer_gets_the_rpc_error_and_the_connection_goes_on(uint program, uint version, uint expected)
    {
        using var rpc = await ConnectAsync();

        await rpc.SendRecordAsync(rpc.Call(program, version, expected == 3 ? 99u : 10u));
        var (_, words, _) = await rpc.ReceiveAsync();

        Assert.That(words[4], Is.EqualTo(expected));
        if (expected == 2)
        {
            Assert.That((words[5], words[6]), Is.EqualTo((1u, 1u)), "the supported version range");
        }

        Assert.That(await CreateLinkAsync(rpc), Is.GreaterThan(0));
    }

    [Test]
    public async Task A_call_of_another_rpc_version_is_denied_with_the_supported_range()
    {
        using var rpc = await ConnectAsync();

        await rpc.SendRecordAsync(rpc.Call(Core, 1, 10, rpcVersion: 3));
        var (_, words, _) = await rpc.ReceiveAsync();

        Assert.That(words, Is.EqualTo(new uint[] { 1, 1, 0, 2, 2 }), "REPLY, MSG_DENIED, RPC_MISMATCH, low 2, high 2");
    }

    [Test]
    public async Task Arguments_that_do_not_decode_are_garbage_args_and_the_connection_goes_on()
    {
        using var rpc = await ConnectAsync();

        await rpc.SendRecordAsync(rpc.Call(Core, 1, 10, w => w.Int32(1).UInt32(7)));
        var (_, words, _) = await rpc.ReceiveAsync();

        Assert.That(words[4], Is.EqualTo(4u));
        Assert.That(await CreateLinkAsync(rpc), Is.GreaterThan(0));
    }

    [Test]
    public async Task A_record_larger_than_the_server_takes_is_garbage_args_and_the_connection_goes_on()
    {
        using var rpc = await ConnectAsync();
        var link = await CreateLinkAsync(rpc);

        await rpc.SendRecordAsync(rpc.Call(Core, 1, 11, w => w.Int32(link).UInt32(0).UInt32(0).UInt32(8).Opaque(new byte[10_000])), fragmentSize: 4000);
        var (_, words, _) = await rpc.ReceiveAsync();

        Assert.That(words[4], Is.EqualTo(4u));
        Assert.That(await WriteAsync(rpc, link, "*OPC?", flags: 8), Is.EqualTo(0u));
    }

    [Test]
    public async Task A_client_that_vanishes_mid_record_or_sends_garbage_does_not_disturb_the_others()
    {
        using var good = await ConnectAsync();
        var link = await CreateLinkAsync(good);
        using (var half = await ConnectAsync())
        {
            var call = half.Call(Core, 1, 10, w => w.Int32(1).Bool(false).UInt32(0).String("inst0"));
            await half.SendRawAsync([0x80, 0x00, 0x00, (byte)call.Length, .. call.AsSpan(0, 10)]);
        }

        using (var junk = await ConnectAsync())
        {
            await junk.SendRawAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        }

        await WriteAsync(good, link, "*OPC?", flags: 8);
        Assert.That(await ReadAsync(good, link), Is.EqualTo((0u, 4u, "1\n")));
    }

    [Test]
    public async Task Create_link_with_lock_device_fails_while_another_link_holds_the_lock()
    {
        using var owner = await ConnectAsync();
        using var other = await ConnectAsync();
        await CreateLinkAsync(owner, lockDevice: true);

        await other.SendRecordAsync(other.Call(Core, 1, 10, w => w.Int32(1).Bool(true).UInt32(0).String("inst0")));
        var (_, words, _) = await other.ReceiveAsync();

        Assert.That(words[5], Is.EqualTo(11u));
    }

    [Test]
    public async Task Service_requests_are_refused_as_unsupported_not_ignored()
    {
        using var rpc = await ConnectAsync();
        var link = await CreateLinkAsync(rpc);

        await rpc.SendRecordAsync(rpc.Call(Core, 1, 20, w => w.Int32(link).Bool(true).Opaque([1, 2, 3])));
        var (_, words, _) = await rpc.ReceiveAsync();

        Assert.That(words[5], Is.EqualTo(8u));
    }

    [Test]
    public async Task The_portmapper_answers_getport_and_dump_over_tcp_and_refuses_set()
    {
        using var rpc = await RawRpc.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _server.PortmapperPort!.Value));

        await rpc.SendRecordAsync(rpc.Call(100000, 2, 3, w => w.UInt32(Core).UInt32(1).UInt32(6).UInt32(0)));
        var getport = await rpc.ReceiveAsync();
        await rpc.SendRecordAsync(rpc.Call(100000, 2, 4));
        var dump = await rpc.ReceiveAsync();
        await rpc.SendRecordAsync(rpc.Call(100000, 2, 1, w => w.UInt32(1).UInt32(1).UInt32(6).UInt32(99)));
        var set = await rpc.ReceiveAsync();

        Assert.That(getport.Words[5], Is.EqualTo((uint)_server.CoreEndPoint.Port));
        Assert.That(dump.Words[5..], Is.EqualTo(new uint[] { 1, Core, 1, 6, (uint)_server.CoreEndPoint.Port, 0 }));
        Assert.That(set.Words[5], Is.EqualTo(0u));
    }

    [Test]
    public async Task The_portmapper_answers_getport_over_udp()
    {
        using var udp = new Socket(SocketType.Dgram, ProtocolType.Udp);
        var call = new XdrWriter().UInt32(77).UInt32(0).UInt32(2).UInt32(100000).UInt32(2).UInt32(3).UInt32(0).UInt32(0).UInt32(0).UInt32(0)
            .UInt32(Core).UInt32(1).UInt32(6).UInt32(0).Datagram().ToArray();
        var buffer = new byte[512];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(Timeouts.Generous));

        await udp.SendToAsync(call, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, _server.PortmapperPort!.Value));
        var received = await udp.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);

        Assert.That(received, Is.EqualTo(28));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(buffer), Is.EqualTo(77u));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(24)), Is.EqualTo((uint)_server.CoreEndPoint.Port));
    }
}
