using System.Diagnostics;
using System.Globalization;
using SpaceTestBench.Reports;

namespace SpaceTestBench.Perf;

/// <summary>
/// Peak resident memory of one rendering of the large run: a child process renders once and reports
/// its high-water mark (Linux VmHWM), so neither writing the run nor BenchmarkDotNet is counted.
/// </summary>
public static class PeakMemory
{
    public const string ChildVerb = "render-once";

    public static int Measure()
    {
        var folder = LargeRun.Ensure();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(PeakMemory).Assembly.Location);
        start.ArgumentList.Add(ChildVerb);
        start.ArgumentList.Add(folder);
        using var child = Process.Start(start)!;
        Console.Write(child.StandardOutput.ReadToEnd());
        child.WaitForExit();
        return child.ExitCode;
    }

    public static int RenderOnce(string folder)
    {
        var clock = Stopwatch.StartNew();
        var report = ReportRenderer.Render(folder);
        var elapsed = clock.Elapsed;
        var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(peak.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rendered {report.Report} ({report.Plots.Count} plots) in {elapsed.TotalSeconds:0.00} s (first rendering in a fresh process, JIT included); peak resident memory {kilobytes / 1024.0:0} MB"));
        return 0;
    }
}
