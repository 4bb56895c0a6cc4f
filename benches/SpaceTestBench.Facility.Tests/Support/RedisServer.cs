using System.Diagnostics;

namespace SpaceTestBench.Facility.Tests.Support;

/// <summary>A throwaway Redis server for cluster membership: loopback, a free port, no persistence, killed afterwards.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Why the server cannot be started here (with what to install), or null when it can.</summary>
    public static string? Unavailable() =>
        ExternalProcess.FindProgram("redis-server", "/usr/bin/redis-server") is null ? "Redis is not installed: apt-get install redis-server (the tests start their own server)." : null;

    public static async Task<RedisServer> StartAsync()
    {
        var program = ExternalProcess.FindProgram("redis-server", "/usr/bin/redis-server") ?? throw new InvalidOperationException(Unavailable());
        var port = ExternalProcess.FreeLoopbackPort();
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return new RedisServer(process, port);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }
}
