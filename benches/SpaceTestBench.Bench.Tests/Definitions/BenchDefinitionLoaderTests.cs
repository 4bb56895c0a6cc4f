using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Simulation.Hosting;
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
    public void A_loaded_bench_says_which_capabilities_its_roles_drivers_have_without_opening_them()
    {
        var simulated = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        var alternate = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated-alternate.bench.json"));

        Assert.That(simulated.RoleProvides(BenchRoles.ThermalChamber, typeof(IThermalVacuumChamber)), Is.True, "the Watlow F4T runs a thermal-vacuum chamber");
        Assert.That(alternate.RoleProvides(BenchRoles.ThermalChamber, typeof(IThermalChamber)), Is.True);
        Assert.That(alternate.RoleProvides(BenchRoles.ThermalChamber, typeof(IThermalVacuumChamber)), Is.False, "the ESPEC P300 has no vacuum");
        Assert.That(alternate.RoleProvides(BenchRoles.GammaSource, typeof(IGammaSource)), Is.False, "the alternate bench has no gamma source");
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

    [Test]
    public void A_virtual_clock_starts_where_the_bench_file_pins_it_and_a_wall_clock_cannot_be_pinned()
    {
        const string instruments = "\"instruments\": { \"psu1\": { \"model\": \"Keysight E36312A\", \"resource\": \"simulated\" } }, \"roles\": { \"DUT supply\": { \"instrument\": \"psu1\" } }";
        var pinned = BenchDefinitionLoader.Load(Write($$"""{ "name": "b", "clock": "virtual", "clockStart": "2026-11-23T08:00:00Z", {{instruments}} }"""));
        var unpinned = BenchDefinitionLoader.Load(Write($$"""{ "name": "b", "clock": "virtual", {{instruments}} }"""));
        var notAnInstant = Write($$"""{ "name": "b", "clock": "virtual", "clockStart": "2026-11-23 08:00", {{instruments}} }""");
        var wall = Write("""{ "name": "b", "clock": "wall", "clockStart": "2026-11-23T08:00:00Z", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "TCPIP0::10.0.0.5::5025::SOCKET", "calibrationDue": "2028-11-30" } }, "roles": { "DUT supply": { "instrument": "psu1" } } }""");

        Assert.That(pinned.ClockStart, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)));
        Assert.That(unpinned.ClockStart, Is.Null, "unpinned, a virtual clock starts at the wall clock's now");
        Assert.That(Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(notAnInstant))!.JsonPath, Is.EqualTo("$.clockStart"));
        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(wall));
        Assert.That(error!.JsonPath, Is.EqualTo("$.clockStart"));
        Assert.That(error.Message, Does.Contain("wall clock"));
    }

    [TestCase("\"model\": \"Acme PSU-9000\", \"resource\": \"simulated\"", "$.instruments.psu1.model", "no driver for the model 'Acme PSU-9000'")]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"TCPIP0::10.0.0.5\"", null, null)]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"TCPIP0::10.0.0.5::SOCKET\"", "$.instruments.psu1.resource", "port is missing")]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"GPIB0::5::INSTR\"", "$.instruments.psu1.resource", "GPIB resources are not supported")]
    [TestCase("\"model\": \"Keysight E36312A\"", "$.instruments.psu1.resource", "is required but missing")]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"simulated\", \"colour\": \"red\"", "$.instruments.psu1.colour", "not a known field")]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"simulated\", \"calibrationDue\": \"next spring\"", "$.instruments.psu1.calibrationDue", "YYYY-MM-DD")]
    [TestCase("\"model\": \"Keysight E36312A\", \"resource\": \"simulated\", \"calibrationUncertainty\": \"2 mA\"", "$.instruments.psu1.calibrationUncertainty", "mA")]
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

    [Test]
    public void An_instruments_calibration_uncertainty_is_read_with_its_unit()
    {
        var bench = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));

        Assert.That(bench.Instruments["voa1"].CalibrationUncertainty?.ToString(), Is.EqualTo("0.2 dB"), "the power meter's, in dB");
        Assert.That(bench.Instruments["beam1"].CalibrationUncertainty?.SiValue, Is.EqualTo(0.1).Within(1e-12), "the beam's fluence, a ratio");
        Assert.That(bench.Instruments["psu1"].CalibrationUncertainty, Is.Null, "none stated");
    }

    [Test]
    public void The_default_bench_provides_every_role_of_the_vocabulary()
    {
        var bench = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));

        Assert.That(bench.Roles.Keys, Is.EquivalentTo(BenchRoles.All.Select(r => r.Name)));
        Assert.That(bench.Instruments.Values.All(i => i.Simulated), Is.True);
    }

    [Test]
    public void A_role_outside_the_vocabulary_is_refused_with_the_roles_there_are()
    {
        var file = Write("""{ "name": "b", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated" } }, "roles": { "flux capacitor": { "instrument": "psu1" } } }""");

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.roles['flux capacitor']"));
        Assert.That(error.Message, Does.Contain("'flux capacitor' (given to 'psu1', the Keysight E36312A at simulated) is not a role").And.Contain("latch-up monitor"));
    }

    [Test]
    public void An_unknown_model_is_refused_naming_its_role_and_resource()
    {
        var file = Write("""{ "name": "b", "instruments": { "psu1": { "model": "Acme PSU-9000", "resource": "TCPIP0::10.0.0.5::5025::SOCKET" } }, "roles": { "DUT supply": { "instrument": "psu1" } } }""");

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.instruments.psu1.model"));
        Assert.That(error.Message, Does.Contain("no driver for the model 'Acme PSU-9000' (instrument 'psu1' for role 'DUT supply', resource TCPIP0::10.0.0.5::5025::SOCKET)"));
    }

    [Test]
    public void A_role_played_by_an_instrument_that_cannot_play_it_is_refused()
    {
        var file = Write("""{ "name": "b", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated" } }, "roles": { "thermal chamber": { "instrument": "psu1" } } }""");

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.roles['thermal chamber'].instrument"));
        Assert.That(error.Message, Does.Contain("needs a thermal chamber").And.Contain("Keysight E36312A ('psu1') is not one"));
    }

    [Test]
    public void A_duplicate_instrument_key_is_refused_naming_it_rather_than_the_last_one_winning()
    {
        var file = Write("""
            { "name": "b",
              "instruments": {
                "psu1": { "model": "Keysight E36312A", "resource": "simulated" },
                "psu1": { "model": "Keithley 2450", "resource": "simulated" } },
              "roles": { "DUT supply": { "instrument": "psu1" } } }
            """);

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.instruments.psu1"));
        Assert.That(error.Message, Does.Contain(file).And.Contain("line 4").And.Contain("'psu1' appears twice"));
    }

    [Test]
    public void Role_names_are_matched_without_regard_to_case_and_stored_as_the_vocabulary_writes_them()
    {
        var file = Write("""{ "name": "b", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated" } }, "roles": { "dut SUPPLY": { "instrument": "psu1" } } }""");

        var bench = BenchDefinitionLoader.Load(file);

        Assert.That(bench.Roles["DUT supply"].Name, Is.EqualTo("DUT supply"));
    }

    [TestCase("\"protocol\": \"carrier pigeon\"", "$.instruments.psu1.protocol", "not a protocol")]
    [TestCase("\"port\": 70000", "$.instruments.psu1.port", "outside 0–65535")]
    [TestCase("\"faults\": {}", "$.instruments.psu1.faults", "must be an array")]
    [TestCase("\"faults\": [ { \"kind\": \"gremlins\" } ]", "$.instruments.psu1.faults[0].kind", "not a fault kind")]
    [TestCase("\"faults\": [ { \"kind\": \"delay\", \"delay\": \"3 V\" } ]", "$.instruments.psu1.faults[0].delay", "a time is expected")]
    [TestCase("\"faults\": [ { \"kind\": \"reboot\", \"at\": \"2 h\", \"afterCommands\": 3 } ]", "$.instruments.psu1.faults[0]", "give one trigger")]
    [TestCase("\"faults\": [ { \"kind\": \"garbage\", \"probability\": 1.5 } ]", "$.instruments.psu1.faults[0].probability", "at most 1")]
    [TestCase("\"faults\": [ { \"kind\": \"delay\", \"delay\": \"1e9 s\" } ]", "$.instruments.psu1.faults[0].delay", "noResponse")]
    [TestCase("\"faults\": [ { \"kind\": \"reboot\", \"bootTime\": \"-1 s\" } ]", "$.instruments.psu1.faults[0].bootTime", "outside 0 s")]
    [TestCase("\"faults\": [ { \"kind\": \"currentReadingShift\", \"at\": \"1 h\" } ]", "$.instruments.psu1.faults[0]", "states its \"offset\"")]
    [TestCase("\"faults\": [ { \"kind\": \"currentReadingShift\", \"offset\": \"2 mV\" } ]", "$.instruments.psu1.faults[0].offset", "a current is expected")]
    public void Simulator_settings_that_cannot_be_used_are_reported_with_their_JSON_path(string field, string path, string problem)
    {
        var file = Write($$"""{ "name": "b", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated", {{field}} } }, "roles": {} }""");

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo(path));
        Assert.That(error.Message, Does.Contain(problem));
    }

    [TestCase("socket", SimulatorProtocol.Socket)]
    [TestCase("VXI-11", SimulatorProtocol.Vxi11)]
    [TestCase("vxi11", SimulatorProtocol.Vxi11)]
    [TestCase("HiSLIP", SimulatorProtocol.HiSlip)]
    public void A_simulator_may_be_served_over_any_visa_protocol(string protocol, SimulatorProtocol expected)
    {
        var file = Write($$"""{ "name": "b", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated", "protocol": "{{protocol}}" } }, "roles": {} }""");

        Assert.That(BenchDefinitionLoader.Load(file).Instruments["psu1"].Protocol, Is.EqualTo(expected));
    }

    [Test]
    public void Faults_are_read_with_their_triggers_and_parameters()
    {
        var file = Write("""
            { "name": "b", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated", "protocol": "socket", "faults": [
                { "kind": "delay", "delay": "3 s", "count": 2, "afterCommands": 10 },
                { "kind": "reboot", "at": "2 h", "bootTime": "500 ms" },
                { "kind": "scpiError", "code": -310, "text": "System error", "onCommand": "OUTP" },
                { "kind": "garbage", "probability": 0.01 },
                { "kind": "functionalInterrupt", "recoverable": false } ] } }, "roles": {} }
            """);

        var faults = BenchDefinitionLoader.Load(file).Instruments["psu1"].Faults;

        Assert.That(faults, Has.Count.EqualTo(5));
        Assert.That(faults[0].Fault, Is.EqualTo(new InstrumentFault(InstrumentFaultKind.Delay) { Delay = TimeSpan.FromSeconds(3), Count = 2 }));
        Assert.That(faults[0].Trigger, Is.EqualTo(FaultTrigger.AfterCommands(10)));
        Assert.That(faults[1].Fault.RebootTime, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(faults[1].Trigger, Is.EqualTo(FaultTrigger.AtBenchTime(TimeSpan.FromHours(2))));
        Assert.That(faults[2].Fault.ErrorCode, Is.EqualTo(-310));
        Assert.That(faults[2].Trigger, Is.EqualTo(FaultTrigger.OnCommand("OUTP")));
        Assert.That(faults[3].Trigger, Is.EqualTo(FaultTrigger.WithProbability(0.01)));
        Assert.That(faults[4].Fault.RecoverableBySoftReset, Is.False);
        Assert.That(faults[4].Trigger, Is.EqualTo(FaultTrigger.NextCommand));
    }

    [Test]
    public void Simulator_settings_on_a_real_instrument_are_refused()
    {
        var file = Write("""{ "name": "b", "clock": "wall", "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "TCPIP0::10.0.0.5::5025::SOCKET", "faults": [] } }, "roles": {} }""");

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.instruments.psu1.faults"));
        Assert.That(error.Message, Does.Contain("simulated instruments only"));
    }

    private string Write(string json)
    {
        var file = Path.Combine(_folder, $"bench-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }
}
