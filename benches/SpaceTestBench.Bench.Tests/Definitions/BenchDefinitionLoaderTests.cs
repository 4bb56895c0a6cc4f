using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests.Definitions;

public sealed class BenchDefinitionLoaderTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = TestRepository.ScratchFolder("bench-loader");

    [Test]
    public void The_default_simulated_bench_loads_with_its_role_and_default_DUT()
    {
        var bench = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));

        Assert.That(bench.Clock, Is.EqualTo(BenchClockKind.Virtual));
        Assert.That(bench.Roles["DUT supply"].InstrumentId, Is.EqualTo("psu1"));
        Assert.That(bench.Instruments["psu1"].Simulated, Is.True);
        Assert.That(bench.DefaultDutFile, Is.EqualTo(TestRepository.Path("fixtures/duts/rad-hard-soc.json")));
        Assert.That(File.Exists(bench.DefaultDutFile), Is.True);
    }

    [Test]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(Path.Combine(_folder, "nonexistent.json")));

        Assert.That(error!.Message, Does.Contain("nonexistent.json").And.Contain("does not exist"));
    }

    [Test]
    public void Malformed_JSON_is_reported_with_line_and_column()
    {
        var file = Write("{\n  \"name\": \"x\",\n  \"instruments\": { oops }\n}");

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.Message, Does.Contain(file).And.Contain("line 3"));
    }

    [TestCase("\"model\": \"Acme PSU-9000\", \"resource\": \"simulated\"", "$.instruments.psu1.model", "no driver for the model 'Acme PSU-9000'")]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"TCPIP0::10.0.0.5\"", null, null)]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"TCPIP0::10.0.0.5::SOCKET\"", "$.instruments.psu1.resource", "port is missing")]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"GPIB0::5::INSTR\"", "$.instruments.psu1.resource", "GPIB resources are not supported")]
    [TestCase("\"model\": \"Keysight E36312A\"", "$.instruments.psu1.resource", "is required but missing")]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"simulated\", \"colour\": \"red\"", "$.instruments.psu1.colour", "not a known field")]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"simulated\", \"calibrationDue\": \"next spring\"", "$.instruments.psu1.calibrationDue", "YYYY-MM-DD")]
    public void An_instrument_entry_that_cannot_be_used_is_reported_with_its_JSON_path(string instrument, string? path, string? problem)
    {
        var file = Write($$"""{ "name": "b", "instruments": { "psu1": { {{instrument}} } }, "roles": { "DUT supply": { "instrument": "psu1" } } }""");

        if (path is null)
        {
            Assert.That(BenchDefinitionLoader.Load(file).Instruments["psu1"].Resource, Is.EqualTo("TCPIP0::10.0.0.5"));
            return;
        }

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));
        Assert.That(error!.JsonPath, Is.EqualTo(path));
        Assert.That(error.Message, Does.Contain(file).And.Contain(problem!));
    }

    [Test]
    public void A_role_naming_a_missing_instrument_lists_the_instruments_there_are()
    {
        var file = Write("""{ "name": "b", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated" } }, "roles": { "DUT supply": { "instrument": "psu2" } } }""");

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.roles['DUT supply'].instrument"));
        Assert.That(error.Message, Does.Contain("no instrument 'psu2'").And.Contain("psu1"));
    }

    [Test]
    public void A_simulated_instrument_on_a_wall_clock_bench_is_refused()
    {
        var file = Write("""{ "name": "b", "clock": "wall", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated" } }, "roles": {} }""");

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.Message, Does.Contain("virtual clock"));
    }

    private string Write(string json)
    {
        var file = Path.Combine(_folder, $"bench-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }
}
