using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Testing;

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
    public async Task The_supply_powers_the_simulated_DUT_and_safe_state_switches_it_off()
    {
        var supply = _bench.Role<IDcPowerSupply>("DUT supply");
        await supply.Instrument.SetCurrentLimitAsync(1, 1.0);
        await supply.Instrument.SetVoltageAsync(1, 1.8);
        await supply.Instrument.SetOutputAsync(1, true);

        var powered = await supply.Instrument.MeasureCurrentAsync(1);
        await _bench.SafeStateAsync();
        var afterSafeState = await supply.Instrument.MeasureCurrentAsync(1);

        Assert.That(powered, Is.EqualTo(0.300).Within(0.002), "RH-SoC-1 core draws 280 mA dynamic + 20 mA leakage at 1.8 V");
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
