using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Simulation.Hosting;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests.Safety;

/// <summary>
/// An instrument that reboots ends the scenario it broke, not the ones after it: the next safe state waits for it
/// to answer again and reaches it, and the next procedure runs on it. One that never answers again leaves each
/// safe state incomplete, named, and is still tried by every one (after the first wait, quickly).
/// </summary>
public sealed class InstrumentRecoveryTests
{
    [Test]
    public async Task A_supply_that_reboots_mid_scenario_is_reached_by_the_next_safe_state_and_serves_the_next_procedure()
    {
        await using var bench = await OpenAsync(TimeSpan.FromSeconds(30));
        var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
        await supply.Instrument.SetVoltageAsync(supply.Channel, 1.8);
        // Longer than the retry policy's three quick attempts (20 + 40 ms) take, so only patience reaches it.
        bench.Faults(BenchRoles.DutSupply).Inject(InstrumentFault.Reboot(TimeSpan.FromSeconds(2)), FaultTrigger.OnCommand("OUTP ON"));

        Assert.ThrowsAsync<InstrumentFaultException>(() => supply.Instrument.SetOutputAsync(supply.Channel, true), "the scenario it broke ends in Error");
        var safe = await bench.SafeStateAsync(SafeStateReason.InstrumentFault, "the scenario ended in Error");

        Assert.That(safe.Complete, Is.True, string.Join("; ", safe.Stages.SelectMany(s => s.Failures)));
        await supply.Instrument.SetVoltageAsync(supply.Channel, 1.8);
        await supply.Instrument.SetOutputAsync(supply.Channel, true);
        await bench.WaitAsync(TimeSpan.FromMilliseconds(100));
        Assert.That(await supply.Instrument.MeasureVoltageAsync(supply.Channel), Is.EqualTo(1.8).Within(0.05), "the next procedure runs on the rebooted supply");
    }

    [Test]
    public async Task A_supply_that_never_answers_again_leaves_every_safe_state_incomplete_naming_it_and_each_still_tries_it()
    {
        await using var bench = await OpenAsync(TimeSpan.FromMilliseconds(500));
        var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
        bench.Faults(BenchRoles.DutSupply).Inject(InstrumentFault.DropConnection() with { Count = 1_000_000 }, FaultTrigger.OnCommand("OUTP ON"));
        Assert.ThrowsAsync<InstrumentFaultException>(() => supply.Instrument.SetOutputAsync(supply.Channel, true));

        var first = await bench.SafeStateAsync(SafeStateReason.InstrumentFault, "first");
        var second = await bench.SafeStateAsync(SafeStateReason.InstrumentFault, "second");

        Assert.That(first.Complete, Is.False, "a dead supply cannot be made safe, and the report says so");
        Assert.That(second.Complete, Is.False);
        Assert.That(second.Stages.SelectMany(s => s.Failures), Has.Some.Contain("Keysight E36312A"));
        Assert.That(bench.Safety.InstrumentFaults.Count(f => f.Operation == "SafeState()"), Is.EqualTo(2), "both safe states tried it");
    }

    [Test]
    public async Task A_beam_adapter_that_stops_answering_stops_the_scenario_in_Error_instead_of_stalling_bench_time()
    {
        await using var bench = await OpenAsync(TimeSpan.FromSeconds(1), beamTimeoutMilliseconds: 300);
        bench.Faults(BenchRoles.ParticleBeam).Inject(InstrumentFault.MissingResponses(count: 1_000_000));

        // The fluence interlock reads the beam while the bench waits. Its reads time out on the wall clock; the
        // scenario, which nobody can now protect, ends in Error at once, rather than bench time crawling one failed
        // read per interlock period (which is days of wall time for a 10 h wait).
        var wait = bench.WaitAsync(TimeSpan.FromHours(10));
        var finished = await Task.WhenAny(wait, Task.Delay(TimeSpan.FromMinutes(3))) == wait;

        Assert.That(finished, Is.True, "the wait stalled behind an instrument that does not answer");
        var error = Assert.ThrowsAsync<InstrumentFaultException>(() => wait);
        Assert.That(error!.Role, Is.EqualTo(BenchRoles.ParticleBeam));
        Assert.That(error.Message, Does.Contain("Facility beam adapter").And.Contain("interlock cannot read it, so the scenario cannot be protected").And.Contain("timed out"));
        Assert.That(bench.Safety.InstrumentFaults, Has.Some.Matches<InstrumentFaultRecord>(f => f.Role == BenchRoles.ParticleBeam && f.Error.Contains("timed out", StringComparison.Ordinal)));
        var safe = await bench.SafeStateAsync(SafeStateReason.InstrumentFault, "the beam adapter does not answer");
        Assert.That(safe.Complete, Is.False);
        Assert.That(safe.Stages.SelectMany(s => s.Failures), Has.Some.Contain("Facility beam adapter"));

        bench.Safety.BeginScenario(null);
        Assert.That(bench.Role<IDcPowerSupply>(BenchRoles.DutSupply).Instrument.IsOutputOnAsync(1), Is.Not.Null, "the next scenario starts unstopped");
    }

    [Test]
    public async Task A_VXI11_instrument_whose_portmapper_is_not_on_111_is_reopened_through_its_own_portmapper()
    {
        // The simulator's portmapper is on a free port (111 needs root): a reconnect must ask that one, as the open did.
        await using var bench = await OpenAsync(TimeSpan.FromSeconds(5), supplyProtocol: SimulatorProtocol.Vxi11);
        var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
        bench.Faults(BenchRoles.DutSupply).Inject(InstrumentFault.DropConnection(), FaultTrigger.OnCommand("MEAS:VOLT?"));

        var volts = await supply.Instrument.MeasureVoltageAsync(supply.Channel);

        Assert.That(volts, Is.EqualTo(0).Within(0.01), "the query was answered after the reconnect");
        Assert.That(bench.Safety.InstrumentFaults, Has.Count.GreaterThanOrEqualTo(1).And.All.Matches<InstrumentFaultRecord>(f => f.Recovered));
    }

    private static async Task<BenchSession> OpenAsync(TimeSpan reconnectWithin, int? beamTimeoutMilliseconds = null, SimulatorProtocol? supplyProtocol = null)
    {
        var loaded = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        var instruments = loaded.Instruments.ToDictionary(
            i => i.Key,
            i => beamTimeoutMilliseconds is { } timeout && i.Value.Model == "Facility beam adapter" ? i.Value with { TimeoutMilliseconds = timeout }
                : supplyProtocol is { } protocol && i.Value.Model == "Keysight E36312A" ? i.Value with { Protocol = protocol }
                : i.Value);
        var definition = loaded with { Instruments = instruments, Safety = loaded.Safety with { Retry = loaded.Safety.Retry with { ReconnectWithin = reconnectWithin } } };
        return await BenchSession.OpenAsync(definition, DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc.json")));
    }
}
