using System.Diagnostics;
using System.Text.Json.Nodes;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests.Safety;

/// <summary>
/// The published schema (benches/bench.schema.json) and the loader agree: every shipped bench file passes
/// both, and each broken variant is refused by both, the loader naming the JSON path. The schema is
/// checked by an independent validator, Debian's python3-jsonschema, so the test cannot pass by
/// construction.
/// </summary>
public sealed class BenchSchemaTests
{
    private static readonly string Schema = TestRepository.Path("benches/bench.schema.json");

    public static IEnumerable<TestCaseData> Breakages()
    {
        yield return Case("an unknown top-level field", b => b["colour"] = "blue", "$.colour");
        yield return Case("an interlock of no known kind", b => Interlocks(b)["latch-up"]!["kind"] = "meltdown", "$.safety.interlocks['latch-up'].kind");
        yield return Case("a latch-up threshold without a unit", b => { Latchup(b).Remove("thresholdRatio"); Latchup(b)["threshold"] = "300"; }, "$.safety.interlocks['latch-up'].threshold");
        yield return Case("a latch-up with both threshold forms", b => Latchup(b)["threshold"] = "300 mA", "$.safety.interlocks['latch-up']");
        yield return Case("an interlock action that is neither", b => Latchup(b)["onTrip"] = "panic", "$.safety.interlocks['latch-up'].onTrip");
        yield return Case("a retry of zero attempts", b => b["safety"]!["retry"]!["attempts"] = 0, "$.safety.retry.attempts");
        yield return Case("an unknown field in an interlock", b => Latchup(b)["band"] = "5 K", "$.safety.interlocks['latch-up'].band");
        yield return Case("an instrument without a resource", b => b["instruments"]!["psu1"]!.AsObject().Remove("resource"), "$.instruments.psu1.resource");
        yield return Case("a role outside the vocabulary", b => b["roles"]!["flux capacitor"] = new JsonObject { ["instrument"] = "psu1" }, "$.roles['flux capacitor']");
        yield return Case("a fault with two triggers", b => b["instruments"]!["psu1"]!["faults"] = new JsonArray(new JsonObject { ["kind"] = "delay", ["at"] = "1 h", ["afterCommands"] = 3 }), "$.instruments.psu1.faults[0]");
        yield return Case("a calibration date that is not a date", b => b["instruments"]!["psu1"]!["calibrationDue"] = "next year", "$.instruments.psu1.calibrationDue");
        yield return Case("a calibration certificate without its due date", b => b["instruments"]!["beam1"]!.AsObject().Remove("calibrationDue"), "$.instruments.beam1.calibrationDue");
        yield return Case("a clock start that is not a UTC instant", b => b["clockStart"] = "next Monday", "$.clockStart");
        yield return Case("a calibrated instrument said to need no calibration", b => b["instruments"]!["psu1"]!["calibrationNotRequired"] = "it is fine", "$.instruments.psu1.calibrationNotRequired");
        yield return Case("a facility without a name", b => b["facility"]!.AsObject().Remove("name"), "$.facility.name");
        yield return Case("an ambient temperature without a unit", b => b["facility"]!["ambient"]!["temperature"] = "23", "$.facility.ambient.temperature");
        yield return Case("a document prefix with a space", b => b["facility"]!["documentPrefix"] = "STB QR", "$.facility.documentPrefix");
        yield return Case("an unknown field in the accreditation", b => b["facility"]!["accreditation"] = new JsonObject { ["body"] = "UKAS", ["number"] = "1234", ["expires"] = "never" }, "$.facility.accreditation.expires");
        yield return Case("a dose-rate uncertainty without a unit", b => b["instruments"]!["co60"]!["dosimetry"]!["uncertainty"] = "5", "$.instruments.co60.dosimetry.uncertainty");
    }

    [TestCase("benches/simulated.bench.json")]
    [TestCase("benches/simulated-alternate.bench.json")]
    public void A_shipped_bench_file_passes_the_loader_and_the_schema(string file)
    {
        Assert.DoesNotThrow(() => BenchDefinitionLoader.Load(TestRepository.Path(file)));
        Assert.That(ValidateWithSchema(TestRepository.Path(file)), Is.Empty);
    }

    [TestCaseSource(nameof(Breakages))]
    public void A_broken_bench_file_is_refused_by_the_loader_naming_the_path_and_by_the_schema(string what, Action<JsonObject> breakIt, string path)
    {
        var bench = JsonNode.Parse(File.ReadAllText(TestRepository.Path("benches/simulated.bench.json")))!.AsObject();
        bench["dut"] = TestRepository.Path("fixtures/duts/rad-hard-soc.json");
        breakIt(bench);
        var file = Path.Combine(TestRepository.ScratchFolder("schema"), "broken.bench.json");
        File.WriteAllText(file, bench.ToJsonString());

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file), what);
        Assert.That(error!.JsonPath, Is.EqualTo(path), what);
        Assert.That(ValidateWithSchema(file), Is.Not.Empty, $"the schema lets {what} through");
    }

    private static TestCaseData Case(string what, Action<JsonObject> breakIt, string path) => new TestCaseData(what, breakIt, path).SetName($"Refused: {what}");

    private static JsonObject Interlocks(JsonObject bench) => bench["safety"]!["interlocks"]!.AsObject();

    private static JsonObject Latchup(JsonObject bench) => Interlocks(bench)["latch-up"]!.AsObject();

    /// <summary>The schema's complaints about <paramref name="file"/>, from python3-jsonschema.</summary>
    private static List<string> ValidateWithSchema(string file)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""
            import json, sys
            try:
                import jsonschema
            except ImportError:
                print("MISSING"); sys.exit(0)
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            for e in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2], encoding="utf-8"))):
                print(e.json_path, e.message)
            """);
        start.ArgumentList.Add(Schema);
        start.ArgumentList.Add(file);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("python3 is not installed; install python3-jsonschema (Debian) to check bench files against benches/bench.schema.json.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (output.Trim() == "MISSING")
            {
                Assert.Ignore("python3-jsonschema is not installed: apt-get install python3-jsonschema (CI installs it, see .ci/run).");
            }

            Assert.That(process.ExitCode, Is.Zero, errors);
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
    }
}
