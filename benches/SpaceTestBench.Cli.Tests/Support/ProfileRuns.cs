using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Support;

/// <summary>
/// <c>spacebench run</c> of every suite with each shipped DUT profile, run once per test session and shared by the
/// tests that read the same run (a whole run takes minutes on the simulated bench).
/// </summary>
internal static class ProfileRuns
{
    private static readonly Lazy<Task<ProfileRun>> RadHard = new(() => RunAsync("rad-hard", null));
    private static readonly Lazy<Task<ProfileRun>> Commercial = new(() => RunAsync("cots", "fixtures/duts/cots-ai-accelerator.json"));
    private static readonly Lazy<Task<ProfileRun>> RadTolerant = new(() => RunAsync("rad-tolerant", "fixtures/duts/rad-tolerant-soc.json"));

    /// <summary>The bench's default DUT profile (the radiation-hardened SoC).</summary>
    public static Task<ProfileRun> RadHardAsync() => RadHard.Value;

    /// <summary>The commercial AI accelerator (fixtures/duts/cots-ai-accelerator.json).</summary>
    public static Task<ProfileRun> CommercialAsync() => Commercial.Value;

    /// <summary>The borderline radiation-tolerant SoC (fixtures/duts/rad-tolerant-soc.json).</summary>
    public static Task<ProfileRun> RadTolerantAsync() => RadTolerant.Value;

    /// <summary>The run of the profile named "rad-hard" or "cots".</summary>
    public static Task<ProfileRun> OfAsync(string profile) => profile == "cots" ? CommercialAsync() : RadHardAsync();

    private static async Task<ProfileRun> RunAsync(string name, string? dut)
    {
        var folder = Path.Combine(TestRepository.ScratchFolder($"profile-{name}"), "run");
        string[] args = dut is null ? ["run", "--out", folder] : ["run", "--dut", TestRepository.Path(dut), "--out", folder];
        var (exit, output) = await RunCommandTests.Spacebench(args);
        return new ProfileRun(folder, exit, output);
    }
}

/// <summary>A finished run.</summary>
/// <param name="Folder">Its run folder.</param>
/// <param name="Exit">spacebench's exit code.</param>
/// <param name="Output">What it printed.</param>
internal sealed record ProfileRun(string Folder, int Exit, string Output);
