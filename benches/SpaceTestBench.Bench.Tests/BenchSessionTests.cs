using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Testing;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Bench.Tests;

public sealed class BenchSessionTests
{
    private BenchSession _bench = null!;

    [SetUp]
    public async Task OpenSimulatedBench()
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        _bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!));
    }

    [TearDown]
    public async Task CloseBench() => await _bench.DisposeAsync();

    [Test]
    public void The_DUT_supply_role_resolves_to_an_opened_simulated_E36312A_on_loopback()
    {
        var supply = _bench.Role<IDcPowerSupply>("DUT supply");

        Assert.That(supply.Instrument.Identity!.Model, Is.EqualTo("E36312A"));
        Assert.That(supply.Instrument.Identity.SerialNumber, Is.EqualTo("MY61000101"));
        Assert.That(supply.Instrument.Resource, Does.Match(@"^TCPIP0::127\.0\.0\.1::\d+::SOCKET$"));
        Assert.That(supply.Channel, Is.EqualTo(1));
        Assert.That(supply.Rail, Is.EqualTo("core"));
    }

    [Test]
    public async Task The_simulated_bench_s_virtual_clock_starts_at_its_pinned_start_and_an_unpinned_one_at_the_wall_clock()
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        var dut = DutProfileLoader.Load(definition.DefaultDutFile!);
        await using (var pinned = await BenchSession.OpenAsync(definition, dut))
        {
            // Opening takes no bench time of note: the clock is where the bench file pins it, not at today's date.
            Assert.That(pinned.Clock.GetUtcNow() - definition.ClockStart!.Value, Is.GreaterThanOrEqualTo(TimeSpan.Zero).And.LessThan(TimeSpan.FromMinutes(1)));
        }

        var before = TimeProvider.System.GetUtcNow();
        await using var unpinned = await BenchSession.OpenAsync(definition with { ClockStart = null }, dut);
        Assert.That(unpinned.Clock.GetUtcNow(), Is.GreaterThanOrEqualTo(before).And.LessThan(before + TimeSpan.FromDays(1)));
    }

    [TestCase("vxi11", @"^TCPIP0::127\.0\.0\.1::inst0::INSTR$")]
    [TestCase("hislip", @"^TCPIP0::127\.0\.0\.1::hislip0,\d+::INSTR$")]
    public async Task A_simulated_supply_served_over_vxi11_or_hislip_powers_the_DUT(string protocol, string resource)
    {
        var folder = Directory.CreateTempSubdirectory("spacebench-bench-").FullName;
        try
        {
            var file = Path.Combine(folder, "bench.json");
            var dut = TestRepository.Path("fixtures/duts/rad-hard-soc.json").Replace("\\", "/", StringComparison.Ordinal);
            await File.WriteAllTextAsync(file, $$"""
                { "name": "over {{protocol}}", "clock": "virtual", "dut": "{{dut}}",
                  "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated", "protocol": "{{protocol}}" } },
                  "roles": { "DUT supply": { "instrument": "psu1", "channel": 1, "rail": "core" } } }
                """);
            var definition = BenchDefinitionLoader.Load(file);
            await using var bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!));
            var supply = bench.Role<IDcPowerSupply>("DUT supply");

            await supply.Instrument.SetCurrentLimitAsync(1, 1.0);
            await supply.Instrument.SetVoltageAsync(1, 0.9);
            await supply.Instrument.SetOutputAsync(1, true);
            await bench.WaitAsync(TimeSpan.FromMilliseconds(10)); // the core's 220 µF charge at the 1 A limit
            var volts = await supply.Instrument.MeasureVoltageAsync(1);

            Assert.That(supply.Instrument.Resource, Does.Match(resource));
            Assert.That(volts, Is.EqualTo(0.9).Within(0.01));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task The_supply_powers_the_simulated_DUT_and_safe_state_switches_it_off()
    {
        var supply = _bench.Role<IDcPowerSupply>("DUT supply");
        await supply.Instrument.SetCurrentLimitAsync(1, 1.0);
        await supply.Instrument.SetVoltageAsync(1, 1.8);
        await supply.Instrument.SetOutputAsync(1, true);
        await _bench.WaitAsync(TimeSpan.FromMilliseconds(10)); // past the inrush into the core's 220 µF

        var powered = await supply.Instrument.MeasureCurrentAsync(1);
        await _bench.SafeStateAsync();
        var afterSafeState = await supply.Instrument.MeasureCurrentAsync(1);

        // 280 mA dynamic + 20 mA leakage at 25 °C; the DUT sits at the 23 °C ambient, where leakage is 2^(−2/18) of it.
        Assert.That(powered, Is.EqualTo(0.280 + (0.020 * Math.Pow(2, -2.0 / 18))).Within(0.002));
        Assert.That(afterSafeState, Is.EqualTo(0).Within(0.001));
    }

    [Test]
    public async Task Waiting_moves_bench_time_not_wall_time()
    {
        var before = _bench.Clock.GetUtcNow();

        await _bench.WaitAsync(TimeSpan.FromHours(168));

        Assert.That(_bench.Clock.GetUtcNow() - before, Is.EqualTo(TimeSpan.FromHours(168)));
    }

    [Test]
    public void A_role_the_bench_lacks_is_named_with_the_roles_it_has()
    {
        var error = Assert.Throws<BenchConfigurationException>(() => _bench.Role<IDcPowerSupply>("spare supply"));

        Assert.That(error!.Message, Does.Contain("no role 'spare supply'").And.Contain("DUT supply"));
    }

    [Test]
    public void Asking_a_role_for_a_capability_its_instrument_lacks_names_both()
    {
        var error = Assert.Throws<BenchConfigurationException>(() => _bench.Role<IDcPowerSupply>("thermal chamber"));

        Assert.That(error!.Message, Does.Contain("'thermal chamber' needs a programmable multi-channel DC power supply").And.Contain("Watlow F4T"));
    }

    [Test]
    public void Every_role_resolves_to_a_driver_with_its_capability()
    {
        Assert.That(_bench.Role<ILatchupMonitor>("latch-up monitor").Instrument.Model, Is.EqualTo("Keithley 2450"));
        Assert.That(_bench.Role<IThermalVacuumChamber>("thermal chamber").Instrument.Model, Is.EqualTo("Watlow F4T"));
        Assert.That(_bench.Role<IGammaSource>("gamma source").Instrument.Identity!.SerialNumber, Is.EqualTo("CO60-CELL-1"));
        Assert.That(_bench.Role<IParticleBeam>("particle beam").Instrument.Model, Is.EqualTo("Facility beam adapter"));
        Assert.That(_bench.Role<IOpticalAttenuator>("optical attenuator").Channel, Is.EqualTo(1));
        Assert.That(_bench.Role<IBitErrorTester>("bit-error tester").Instrument.Model, Is.EqualTo("Anritsu MP1900A"));
        Assert.That(_bench.Role<ILinkEmulator>("link emulator").Instrument.Model, Is.EqualTo("Facility link emulator"));
        Assert.That(_bench.Role<IDutAgent>("DUT").Instrument.Model, Is.EqualTo("DUT test agent"));
        Assert.That(_bench.Role<ILatchupMonitor>("latch-up monitor").Rail, Is.EqualTo("io"));
    }

    [Test]
    public async Task The_DUT_agent_names_the_profiles_part_and_the_simulation_tells_the_truth_about_it()
    {
        var identity = await _bench.Role<IDutAgent>("DUT").Instrument.IdentifyDutAsync();

        Assert.That(identity, Is.EqualTo(new DutIdentity("rh-soc-1", "RH-SoC-1 radiation-hardened system-on-chip", "RH1-0042")));
        Assert.That(_bench.Simulation!.Observe().DutState, Is.EqualTo(SpaceTestBench.Simulation.Dut.DutState.Off));
    }

    [Test]
    public async Task Faults_are_injected_by_role_at_a_chosen_moment()
    {
        var supply = _bench.Role<IDcPowerSupply>("DUT supply").Instrument;
        _bench.Faults("DUT supply").Inject(InstrumentFault.PushError(-310, "System error"));

        var error = Assert.ThrowsAsync<InstrumentFaultException>(() => supply.SetVoltageAsync(1, 1.8), "a setting is never sent twice behind the step's back");
        await supply.SetVoltageAsync(1, 1.8);

        Assert.That(((ScpiInstrumentException)error!.InnerException!).Code, Is.EqualTo(-310));
        Assert.That(error.Message, Does.Contain("DUT supply").And.Contain("Keysight E36312A").And.Contain("SetVoltage(1, 1.8)"));
        Assert.That(_bench.Faults("psu1").Injected, Has.Count.EqualTo(1), "by instrument id too");
        Assert.Throws<BenchConfigurationException>(() => _bench.Faults("no such thing"));
    }

    [Test]
    public async Task Waiting_until_a_condition_polls_in_bench_time_and_gives_up_at_its_timeout()
    {
        var start = _bench.Clock.GetUtcNow();
        var polls = 0;

        var met = await _bench.WaitUntilAsync(_ => Task.FromResult(++polls == 4), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        var afterMet = _bench.Clock.GetUtcNow() - start;
        var never = await _bench.WaitUntilAsync(_ => Task.FromResult(false), TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(30));

        Assert.That(met, Is.True);
        Assert.That(afterMet, Is.EqualTo(TimeSpan.FromMinutes(30)));
        Assert.That(never, Is.False);
        Assert.That(_bench.Clock.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromMinutes(60)));
    }

    [Test]
    public async Task The_alternate_bench_plays_the_same_roles_on_other_models()
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated-alternate.bench.json"));
        await using var bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!));
        var supply = bench.Role<IDcPowerSupply>("DUT supply");
        await supply.Instrument.SetCurrentLimitAsync(supply.Channel, 1);
        await supply.Instrument.SetVoltageAsync(supply.Channel, 1.8);
        await supply.Instrument.SetOutputAsync(supply.Channel, true);
        await bench.WaitAsync(TimeSpan.FromMilliseconds(10)); // past the inrush into the core's 220 µF

        var current = await supply.Instrument.MeasureCurrentAsync(supply.Channel);

        Assert.That(supply.Instrument.Model, Is.EqualTo("R&S NGP804"));
        Assert.That(supply.Channel, Is.EqualTo(2));
        Assert.That(current, Is.EqualTo(0.3).Within(0.01));
        Assert.That(bench.Role<IThermalChamber>("thermal chamber").Instrument.Model, Is.EqualTo("ESPEC P300"));
        var vacuum = Assert.Throws<BenchConfigurationException>(() => bench.Role<IThermalVacuumChamber>("thermal chamber"));
        Assert.That(vacuum!.Message, Does.Contain("needs a thermal-vacuum chamber but the ESPEC P300 is not one"));
    }

    [Test]
    public async Task A_reboot_declared_in_the_bench_file_happens_at_its_bench_time()
    {
        var folder = TestRepository.ScratchFolder("faulty-bench");
        var file = Path.Combine(folder, "faulty.bench.json");
        var dut = System.Text.Json.JsonSerializer.Serialize(TestRepository.Path("fixtures/duts/rad-hard-soc.json"));
        await File.WriteAllTextAsync(file, $$"""
            { "name": "faulty", "dut": {{dut}},
              "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated",
                "faults": [ { "kind": "reboot", "at": "1 h", "bootTime": "0 s" } ] } },
              "roles": { "DUT supply": { "instrument": "psu1", "channel": 1, "rail": "core" } } }
            """);
        var definition = BenchDefinitionLoader.Load(file);
        await using var bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!));
        var supply = bench.Role<IDcPowerSupply>("DUT supply").Instrument;
        await supply.SetVoltageAsync(1, 1.8);
        await supply.SetOutputAsync(1, true);

        await bench.WaitAsync(TimeSpan.FromHours(2));

        Assert.That(bench.Faults("psu1").Injected.Single().BenchTime - bench.Simulation!.Start, Is.EqualTo(TimeSpan.FromHours(1)));
        var lost = Assert.ThrowsAsync<InstrumentFaultException>(() => supply.IsOutputOnAsync(1), "the reboot dropped the connection and the output the bench had switched on");
        Assert.That(lost!.Message, Does.Contain("lost its state"));
        Assert.That(bench.Safety.InstrumentFaults, Is.Not.Empty);
        await using var again = await VisaResourceManager.OpenAsync(supply.Resource);
        Assert.That(await again.FormattedIO.QueryAsync("OUTP? (@1)"), Is.EqualTo("0"), "and switched the output off");
    }

    [TestCase("Acme PSU-9000", "DUT supply", "no driver for the model 'Acme PSU-9000'")]
    [TestCase("Keysight E36312A", "flux capacitor", "'flux capacitor' is not a role")]
    [TestCase("Keysight E36312A", "thermal chamber", "needs a thermal chamber")]
    public void A_bench_built_in_code_with_an_unknown_model_or_role_fails_at_open_naming_role_model_and_resource(string model, string role, string problem)
    {
        var definition = new BenchDefinition(
            "code", "in code", null, BenchClockKind.Virtual, null, 1,
            new Dictionary<string, InstrumentDefinition> { ["x1"] = new("x1", model, null, null, null, 2000) },
            new Dictionary<string, RoleDefinition> { [role] = new(role, "x1", 1, "core") });

        var error = Assert.ThrowsAsync<BenchOpenException>(() => BenchSession.OpenAsync(definition, _bench.Dut));

        Assert.That(error!.Message, Does.Contain($"'{role}'").And.Contain(model).And.Contain("simulator").And.Contain(problem));
    }

    [Test]
    public async Task A_resource_refusing_connections_fails_the_open_naming_role_model_and_resource()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there now
        var folder = TestRepository.ScratchFolder("refusing-bench");
        var file = Path.Combine(folder, "refusing.bench.json");
        await File.WriteAllTextAsync(file, $$"""
            { "name": "refusing", "clock": "wall",
              "instruments": { "smu1": { "model": "Keithley 2450", "resource": "TCPIP0::127.0.0.1::{{port}}::SOCKET" } },
              "roles": { "latch-up monitor": { "instrument": "smu1", "rail": "io" } } }
            """);

        var error = Assert.ThrowsAsync<BenchOpenException>(() => BenchSession.OpenAsync(BenchDefinitionLoader.Load(file), _bench.Dut));

        Assert.That(error!.Message, Does.Contain("'latch-up monitor'").And.Contain("Keithley 2450").And.Contain($"::{port}::SOCKET").And.Contain("cannot connect"));
    }

    [Test]
    public async Task An_instrument_that_does_not_answer_fails_the_open_naming_role_model_and_resource()
    {
        // A listening socket that never answers: *IDN? times out.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var folder = TestRepository.ScratchFolder("silent-bench");
        var file = Path.Combine(folder, "silent.bench.json");
        await File.WriteAllTextAsync(file, $$"""
            { "name": "silent", "clock": "wall",
              "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "TCPIP0::127.0.0.1::{{port}}::SOCKET", "timeoutMs": 300 } },
              "roles": { "DUT supply": { "instrument": "psu1", "channel": 1, "rail": "core" } } }
            """);
        var definition = BenchDefinitionLoader.Load(file);

        var error = Assert.ThrowsAsync<BenchOpenException>(() => BenchSession.OpenAsync(definition, _bench.Dut));

        Assert.That(error!.Message, Does.Contain("'DUT supply'").And.Contain("Keysight E36312A").And.Contain($"::{port}::SOCKET").And.Contain("timed out"));
    }
}
