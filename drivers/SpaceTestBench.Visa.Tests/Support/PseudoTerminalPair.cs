using System.Diagnostics;

namespace SpaceTestBench.Visa.Tests.Support;

/// <summary>
/// Two connected pseudo-terminals made by socat: what one end writes, the other reads, like a null-modem
/// cable. Tests that need one are ignored, with the command to install socat, where it is missing.
/// </summary>
internal sealed class PseudoTerminalPair : IDisposable
{
    public const string InstallHint = "The serial tests need socat to make a pseudo-terminal pair: apt-get update && apt-get install -y socat";

    private readonly Process _socat;
    private readonly string _folder;

    private PseudoTerminalPair(Process socat, string folder)
    {
        _socat = socat;
        _folder = folder;
    }

    public string First => Path.Combine(_folder, "a");

    public string Second => Path.Combine(_folder, "b");

    public static async Task<PseudoTerminalPair> StartAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Pseudo-terminal serial tests run on Linux.");
        }

        var socat = Tools.Find("socat");
        if (socat is null)
        {
            Assert.Ignore(InstallHint);
        }

        var folder = Directory.CreateTempSubdirectory("spacebench-pty-").FullName;
        var process = Process.Start(new ProcessStartInfo(socat!)
        {
            ArgumentList = { "pty,raw,echo=0,link=" + Path.Combine(folder, "a"), "pty,raw,echo=0,link=" + Path.Combine(folder, "b") },
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var pair = new PseudoTerminalPair(process, folder);
        for (var waited = 0; !(File.Exists(pair.First) && File.Exists(pair.Second)); waited += 20)
        {
            if (process.HasExited || waited > Timeouts.Generous)
            {
                pair.Dispose();
                Assert.Fail($"socat did not create the pseudo-terminals: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(20);
        }

        return pair;
    }

    public void Dispose()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit();
        }

        _socat.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
