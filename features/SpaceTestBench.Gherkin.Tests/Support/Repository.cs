using System.Diagnostics;

namespace SpaceTestBench.Gherkin.Tests.Support;

/// <summary>npm packages fetched into the repository's git-ignored artifacts folder, and programs run from tests.</summary>
internal static class Repository
{
    public static string Root => SpaceTestBench.Testing.TestRepository.Root;

    public static string Artifacts(params string[] parts) => Path.Combine([Root, "artifacts", .. parts]);

    /// <summary>
    /// Installs pinned npm packages into artifacts/&lt;folder&gt; once (a marker file records the exact
    /// list); ignores the calling test with the command to run when npm is not installed.
    /// </summary>
    public static string NpmPackages(string folder, params string[] packages)
    {
        var prefix = Artifacts(folder);
        var marker = Path.Combine(prefix, ".installed");
        var wanted = string.Join(" ", packages);
        if (File.Exists(marker) && File.ReadAllText(marker) == wanted)
        {
            return Path.Combine(prefix, "node_modules");
        }

        var command = $"npm install --no-audit --no-fund --prefix {prefix} {wanted}";
        Directory.CreateDirectory(prefix);
        var (exitCode, output) = Run("npm", $"install --no-audit --no-fund --no-save --prefix \"{prefix}\" {wanted}", prefix);
        if (exitCode is null)
        {
            Assert.Ignore($"npm is not installed. Install Node.js 20+ with npm, then run: {command}");
        }

        if (exitCode != 0)
        {
            Assert.Fail($"'{command}' failed ({exitCode}):\n{output}");
        }

        File.WriteAllText(marker, wanted);
        return Path.Combine(prefix, "node_modules");
    }

    /// <summary>Runs a program; null exit code when it cannot be started.</summary>
    public static (int? ExitCode, string Output) Run(string program, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "");
        }
    }
}
