using SpaceTestBench.Results.Provenance;

namespace SpaceTestBench.Results.Tests.Support;

/// <summary>Provenance and folders for tests.</summary>
internal static class TestRuns
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static RunInfo Info(string runId = "test-run") => new(
        runId,
        new BenchInfo("Test bench", "/benches/test.bench.json", "virtual bench time (simulated bench)",
        [
            new InstrumentInfo("psu1", "Keysight E36312A", "Keysight Technologies E36312A (serial MY1)", "TCPIP0::127.0.0.1::5025::SOCKET", true, "MY1", new DateOnly(2027, 6, 30), ["DUT supply"]),
        ]),
        new DutInfo("rh-soc-1", "RH-SoC-1", "RH1-0042", "/fixtures/duts/rh-soc-1.json", "A test part",
            [new("core rail: nominal voltage", "1.8 V")], "{ \"id\": \"rh-soc-1\" }"),
        "qa.engineer",
        new SoftwareInfo("0.1.0", "abc123", [new(".NET runtime", ".NET 10")]),
        Start,
        new Dictionary<string, string> { ["Host"] = "test" });
}
