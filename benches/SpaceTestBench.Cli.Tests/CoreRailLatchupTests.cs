using System.Text.Json.Nodes;
using System.Xml.Linq;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// ESCC 25100 and JESD57 monitor the supply current of every rail during a latch-up run. The radiation-tolerant
/// profile (fixtures/duts/rad-tolerant-soc.json) has a latch path on its core rail whose latched current,
/// (1.98 V − 1.2 V)/10 Ω ≈ 78 mA, is a step of a few per cent on a core rail drawing about 0.9 A at 125 °C. With its
/// I/O rail's path taken out, the part latches only on the core: a bench that watched the I/O rail alone would see the
/// DUT hang, recover it as a functional interrupt and count no latch-up (the suite would pass). Watching every rail,
/// the run catches the core rail's micro-latches and fails on them, each recorded as the core rail's.
/// </summary>
public sealed class CoreRailLatchupTests
{
    [Test]
    public async Task A_latch_on_the_core_rail_alone_is_caught_as_a_core_rail_latch_up_and_fails_the_latch_up_suite()
    {
        var scratch = TestRepository.ScratchFolder("core-latch");
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(TestRepository.Path("fixtures/duts/rad-tolerant-soc.json")))!.AsObject();
        var paths = profile["singleEventEffects"]!["latchup"]!.AsArray();
        var core = paths.Single(p => (string?)p!["rail"] == "core")!.DeepClone();
        profile["singleEventEffects"]!["latchup"] = new JsonArray(core);
        var coreOnly = Path.Combine(scratch, "rad-tolerant-soc-core-latch-only.json");
        await File.WriteAllTextAsync(coreOnly, profile.ToJsonString());
        var run = Path.Combine(scratch, "run");

        var (exit, output) = await RunCommandTests.Spacebench(
            "run", "--quiet", "--dut", coreOnly, "--features", TestRepository.Path("features/radiation/single-event-latchup.feature"), "--out", run);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        var failure = XDocument.Load(Path.Combine(run, "junit.xml")).Descendants("failure").Single().Value.Split('\n')[0].Trim();
        Assert.That(failure, Does.Match("^latch-ups = [1-9][0-9]* outside "), "it fails on the latch-ups counted on the core rail");
        var results = await File.ReadAllLinesAsync(Path.Combine(run, "results.csv"));
        var coreCount = results.Single(l => l.Contains(",core rail latch-ups,", StringComparison.Ordinal));
        Assert.That(coreCount, Does.Match(",core rail latch-ups,[1-9][0-9]*,"), "the core rail's own count");
        Assert.That(results.Single(l => l.Contains(",io rail latch-ups,", StringComparison.Ordinal)), Does.Contain(",io rail latch-ups,0,"), "nothing latched on the I/O rail");
        var events = await File.ReadAllTextAsync(Path.Combine(run, "events.csv"));
        Assert.That(events, Does.Contain("Micro-latch on the core rail"), "below the trip: only the micro-latch watch of the core rail catches it");
    }
}
