using System.Globalization;
using System.Net.Sockets;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Perf.Visa;

/// <summary>
/// The query round-trip ratios measured interleaved: floor, SOCKET, HiSLIP, VXI-11, floor, … so that load
/// from other work on a shared machine falls on all of them alike, and the medians compared. A companion
/// to <see cref="QueryRoundTripBenchmarks"/>, whose rows run one after another. Run with --visa-ratios.
/// </summary>
public static class InterleavedRatios
{
    public static async Task RunAsync(int rounds, TextWriter output)
    {
        var device = new BenchInstrument([]);
        await using var floor = new FloorServer();
        using var floorClient = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await floorClient.ConnectAsync(floor.EndPoint);
        await using var socketServer = SocketServer.Start(device);
        await using var hiSlipServer = HiSlipServer.Start(device, new HiSlipServerOptions { Port = 0 });
        await using var vxi11Server = Vxi11Server.Start(device, new Vxi11ServerOptions { PortmapperPort = 0 });
        var options = new VisaOpenOptions { TimeoutMilliseconds = 10_000, PortmapperPort = vxi11Server.PortmapperPort!.Value };
        await using var socket = await VisaResourceManager.OpenAsync(socketServer.ResourceString, options);
        await using var hiSlip = await VisaResourceManager.OpenAsync(hiSlipServer.ResourceString, options);
        await using var vxi11 = await VisaResourceManager.OpenAsync(vxi11Server.ResourceString, options);
        var query = "MEAS:VOLT?\n"u8.ToArray();
        var echo = new byte[64];

        var candidates = new (string Name, Func<Task> Exchange)[]
        {
            ("Floor: raw TCP echo", async () =>
            {
                await floorClient.SendAsync(query, SocketFlags.None);
                for (var received = 0; received < query.Length;)
                {
                    received += await floorClient.ReceiveAsync(echo.AsMemory(received), SocketFlags.None);
                }
            }),
            ("SOCKET query", async () => await socket.FormattedIO.QueryAsync("MEAS:VOLT?")),
            ("HiSLIP query", async () => await hiSlip.FormattedIO.QueryAsync("MEAS:VOLT?")),
            ("VXI-11 query", async () => await vxi11.FormattedIO.QueryAsync("MEAS:VOLT?")),
        };
        var samples = candidates.Select(_ => new List<double>(rounds)).ToArray();
        var clock = TimeProvider.System;
        // Long enough for tiered compilation to finish optimizing every path before anything is recorded.
        for (var round = -Math.Max(10_000, rounds / 2); round < rounds; round++)
        {
            for (var c = 0; c < candidates.Length; c++)
            {
                var start = clock.GetTimestamp();
                await candidates[c].Exchange();
                if (round >= 0)
                {
                    samples[c].Add(clock.GetElapsedTime(start).TotalMicroseconds);
                }
            }
        }

        var floorMedian = Median(samples[0]);
        output.WriteLine($"Interleaved query round trips, {rounds} rounds (median µs, ratio to the floor's median):");
        for (var c = 0; c < candidates.Length; c++)
        {
            var median = Median(samples[c]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {candidates[c].Name,-22} median {median,8:0.0} µs   p90 {Percentile(samples[c], 0.9),8:0.0} µs   ratio {median / floorMedian:0.00}"));
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
