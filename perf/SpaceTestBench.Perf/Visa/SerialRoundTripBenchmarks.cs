using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Perf.Visa;

/// <summary>
/// A query round trip over a pseudo-terminal pair (socat) with the client's line driven through
/// System.IO.Ports (the baseline) or termios directly — the measurement behind choosing termios on Linux.
/// The simulated instrument on the other end uses termios in both rows. Needs socat (apt-get install socat).
/// </summary>
[Config(typeof(LoopbackConfig))]
public class SerialRoundTripBenchmarks
{
    private Process _socat = null!;
    private string _folder = null!;
    private SerialServer _server = null!;
    private IMessageBasedSession _session = null!;

    [Params(SerialDriver.SystemIOPorts, SerialDriver.Termios)]
    public SerialDriver Driver { get; set; }

    [GlobalSetup]
    public async Task StartAsync()
    {
        _folder = Directory.CreateTempSubdirectory("spacebench-perf-pty-").FullName;
        var start = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add($"pty,raw,echo=0,link={_folder}/a");
        start.ArgumentList.Add($"pty,raw,echo=0,link={_folder}/b");
        _socat = Process.Start(start) ?? throw new InvalidOperationException("socat is needed for the serial benchmark: apt-get install -y socat");
        while (!File.Exists($"{_folder}/a") || !File.Exists($"{_folder}/b"))
        {
            await Task.Delay(10);
        }

        var settings = new SerialSettings { BaudRate = 115200, Driver = Driver };
        _server = SerialServer.Start(new BenchInstrument([]), $"{_folder}/a", settings with { Driver = SerialDriver.Termios });
        _session = await VisaResourceManager.OpenAsync($"ASRL{_folder}/b::INSTR", new VisaOpenOptions { TimeoutMilliseconds = 10_000, Serial = settings });
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _session.DisposeAsync();
        await _server.DisposeAsync();
        _socat.Kill();
        await _socat.WaitForExitAsync();
        _socat.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "ASRL query over a pty")]
    public ValueTask<string> Query() => _session.FormattedIO.QueryAsync("MEAS:VOLT?");
}
