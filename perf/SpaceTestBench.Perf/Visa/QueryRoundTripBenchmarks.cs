using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Perf.Visa;

/// <summary>
/// One SCPI query round trip (<c>MEAS:VOLT?</c> → <c>+1.00000000E+00</c>) through each transport, client and
/// server both ours, against the floor: the same bytes echoed by a minimal TCP server over the same
/// loopback. Targets: SOCKET ≤ 1.3×, HiSLIP ≤ 1.5×, VXI-11 ≤ 2.5× the floor. In the x100 group each
/// operation runs 100 queries, so the harness's own cost of waiting for an asynchronous operation
/// (a thread hand-off that pads every single-query row alike and pulls their ratios towards 1) is
/// spread thin; equal allocation per query in both groups shows nothing grows with the number of queries.
/// </summary>
[Config(typeof(LoopbackConfig))]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class QueryRoundTripBenchmarks
{
    private const string OneQuery = "one query per operation";
    private const string HundredQueries = "100 queries per operation";
    private const int Batch = 100;

    private static readonly byte[] Query = "MEAS:VOLT?\n"u8.ToArray();
    private readonly byte[] _floorBuffer = new byte[64];
    private FloorServer _floor = null!;
    private Socket _floorClient = null!;
    private SocketServer _socketServer = null!;
    private HiSlipServer _hiSlipServer = null!;
    private Vxi11Server _vxi11Server = null!;
    private IMessageBasedSession _socket = null!;
    private IMessageBasedSession _hiSlip = null!;
    private IMessageBasedSession _vxi11 = null!;

    [GlobalSetup]
    public async Task StartAsync()
    {
        var device = new BenchInstrument([]);
        _floor = new FloorServer();
        _floorClient = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _floorClient.ConnectAsync(_floor.EndPoint);
        _socketServer = SocketServer.Start(device);
        _hiSlipServer = HiSlipServer.Start(device, new HiSlipServerOptions { Port = 0 });
        _vxi11Server = Vxi11Server.Start(device, new Vxi11ServerOptions { PortmapperPort = 0 });
        var options = new VisaOpenOptions { TimeoutMilliseconds = 10_000, PortmapperPort = _vxi11Server.PortmapperPort!.Value };
        _socket = await VisaResourceManager.OpenAsync(_socketServer.ResourceString, options);
        _hiSlip = await VisaResourceManager.OpenAsync(_hiSlipServer.ResourceString, options);
        _vxi11 = await VisaResourceManager.OpenAsync(_vxi11Server.ResourceString, options);
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _socket.DisposeAsync();
        await _hiSlip.DisposeAsync();
        await _vxi11.DisposeAsync();
        _floorClient.Dispose();
        await _floor.DisposeAsync();
        await _socketServer.DisposeAsync();
        await _hiSlipServer.DisposeAsync();
        await _vxi11Server.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Floor: raw TCP echo")]
    [BenchmarkCategory(OneQuery)]
    public Task<int> FloorEcho() => EchoAsync();

    [Benchmark(Description = "SOCKET query")]
    [BenchmarkCategory(OneQuery)]
    public ValueTask<string> Socket() => _socket.FormattedIO.QueryAsync("MEAS:VOLT?");

    [Benchmark(Description = "HiSLIP query")]
    [BenchmarkCategory(OneQuery)]
    public ValueTask<string> HiSlip() => _hiSlip.FormattedIO.QueryAsync("MEAS:VOLT?");

    [Benchmark(Description = "VXI-11 query")]
    [BenchmarkCategory(OneQuery)]
    public ValueTask<string> Vxi11() => _vxi11.FormattedIO.QueryAsync("MEAS:VOLT?");

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "Floor: raw TCP echo x100")]
    [BenchmarkCategory(HundredQueries)]
    public async Task<int> FloorEcho100()
    {
        var last = 0;
        for (var i = 0; i < Batch; i++)
        {
            last = await EchoAsync();
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "SOCKET query x100")]
    [BenchmarkCategory(HundredQueries)]
    public Task<string> Socket100() => QueriesAsync(_socket);

    [Benchmark(OperationsPerInvoke = Batch, Description = "HiSLIP query x100")]
    [BenchmarkCategory(HundredQueries)]
    public Task<string> HiSlip100() => QueriesAsync(_hiSlip);

    [Benchmark(OperationsPerInvoke = Batch, Description = "VXI-11 query x100")]
    [BenchmarkCategory(HundredQueries)]
    public Task<string> Vxi11100() => QueriesAsync(_vxi11);

    private static async Task<string> QueriesAsync(IMessageBasedSession session)
    {
        var last = "";
        for (var i = 0; i < Batch; i++)
        {
            last = await session.FormattedIO.QueryAsync("MEAS:VOLT?");
        }

        return last;
    }

    private async Task<int> EchoAsync()
    {
        await _floorClient.SendAsync(Query, SocketFlags.None);
        var received = 0;
        while (received < Query.Length)
        {
            received += await _floorClient.ReceiveAsync(_floorBuffer.AsMemory(received), SocketFlags.None);
        }

        return received;
    }
}
