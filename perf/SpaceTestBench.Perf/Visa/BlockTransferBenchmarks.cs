using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Perf.Visa;

/// <summary>
/// A 100 MB definite-length block (<c>DATA?</c> → <c>#9100000000…</c>) over SOCKET and HiSLIP into a buffer
/// the caller owns, against the floor: the same 100 MB sent by a minimal TCP server over the same loopback.
/// Target: at least 1 GB/s over SOCKET and HiSLIP.
/// </summary>
[Config(typeof(BlockConfig))]
public class BlockTransferBenchmarks
{
    public const int BlockBytes = 100_000_000;

    private readonly byte[] _block = new byte[BlockBytes];
    private readonly byte[] _destination = GC.AllocateUninitializedArray<byte>(BlockBytes);
    private FloorServer _floor = null!;
    private Socket _floorClient = null!;
    private SocketServer _socketServer = null!;
    private HiSlipServer _hiSlipServer = null!;
    private IMessageBasedSession _socket = null!;
    private IMessageBasedSession _hiSlip = null!;

    [GlobalSetup]
    public async Task StartAsync()
    {
        new Random(1).NextBytes(_block);
        var device = new BenchInstrument(_block);
        _floor = new FloorServer(_block);
        _floorClient = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _floorClient.ConnectAsync(_floor.EndPoint);
        _socketServer = SocketServer.Start(device);
        _hiSlipServer = HiSlipServer.Start(device, new HiSlipServerOptions { Port = 0 });
        var options = new VisaOpenOptions { TimeoutMilliseconds = 60_000 };
        _socket = await VisaResourceManager.OpenAsync(_socketServer.ResourceString, options);
        _hiSlip = await VisaResourceManager.OpenAsync(_hiSlipServer.ResourceString, options);
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _socket.DisposeAsync();
        await _hiSlip.DisposeAsync();
        _floorClient.Dispose();
        await _floor.DisposeAsync();
        await _socketServer.DisposeAsync();
        await _hiSlipServer.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Floor: raw TCP 100 MB")]
    public async Task<int> FloorTransfer()
    {
        await _floorClient.SendAsync(new byte[] { 1 }, SocketFlags.None);
        var received = 0;
        while (received < BlockBytes)
        {
            received += await _floorClient.ReceiveAsync(_destination.AsMemory(received), SocketFlags.None);
        }

        return received;
    }

    [Benchmark(Description = "SOCKET DATA? 100 MB block")]
    public async Task<int> Socket()
    {
        await _socket.FormattedIO.WriteLineAsync("DATA?");
        return await _socket.FormattedIO.ReadBinaryBlockAsync(_destination);
    }

    [Benchmark(Description = "HiSLIP DATA? 100 MB block")]
    public async Task<int> HiSlip()
    {
        await _hiSlip.FormattedIO.WriteLineAsync("DATA?");
        return await _hiSlip.FormattedIO.ReadBinaryBlockAsync(_destination);
    }
}
