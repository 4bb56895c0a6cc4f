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
/// loopback. Targets: SOCKET ≤ 1.3×, HiSLIP ≤ 1.5×, VXI-11 ≤ 2.5× the floor. The x100 rows run 100 queries
/// per operation: equal allocation per query there shows that nothing grows with the number of queries.
/// </summary>
[Config(typeof(LoopbackConfig))]
public class QueryRoundTripBenchmarks
{
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
    public async Task<int> FloorEcho()
    {
        await _floorClient.SendAsync(Query, SocketFlags.None);
        var received = 0;
        while (received < Query.Length)
        {
            received += await _floorClient.ReceiveAsync(_floorBuffer.AsMemory(received), SocketFlags.None);
        }

        return received;
    }

    [Benchmark(Description = "SOCKET query")]
    public ValueTask<string> Socket() => _socket.FormattedIO.QueryAsync("MEAS:VOLT?");

    [Benchmark(Description = "HiSLIP query")]
    public ValueTask<string> HiSlip() => _hiSlip.FormattedIO.QueryAsync("MEAS:VOLT?");

    [Benchmark(Description = "VXI-11 query")]
    public ValueTask<string> Vxi11() => _vxi11.FormattedIO.QueryAsync("MEAS:VOLT?");

    [Benchmark(OperationsPerInvoke = 100, Description = "SOCKET query x100")]
    public async Task<string> Socket100()
    {
        var last = "";
        for (var i = 0; i < 100; i++)
        {
            last = await _socket.FormattedIO.QueryAsync("MEAS:VOLT?");
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = 100, Description = "HiSLIP query x100")]
    public async Task<string> HiSlip100()
    {
        var last = "";
        for (var i = 0; i < 100; i++)
        {
            last = await _hiSlip.FormattedIO.QueryAsync("MEAS:VOLT?");
        }

        return last;
    }
}
