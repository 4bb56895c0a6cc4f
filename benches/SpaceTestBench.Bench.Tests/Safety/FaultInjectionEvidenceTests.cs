using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests.Safety;

/// <summary>
/// The evidence of issue 8: scenario-like procedures on the simulated bench with drops, delays, garbage,
/// SCPI errors, reboots and a latch-up at a random time injected. Every fault either is survived (the
/// procedure completes with all its measurements) or ends the procedure in Error with the bench in its
/// safe state; no measurement is lost. The figures are printed and asserted.
/// </summary>
public sealed class FaultInjectionEvidenceTests
{
    private static readonly (string Name, InstrumentFault Fault, string OnCommand)[] Faults =
    [
        ("drop during a query", InstrumentFault.DropConnection(), "MEAS:CURR?"),
        ("delay past the timeout", InstrumentFault.DelayResponses(TimeSpan.FromMilliseconds(3500)), "MEAS:VOLT?"),
        ("garbage answer", InstrumentFault.GarbageResponses(), "MEAS:CURR?"),
        ("SCPI error in the queue", InstrumentFault.PushError(-310, "System error"), "MEAS:VOLT?"),
        ("two garbage answers", InstrumentFault.GarbageResponses(2), "MEAS:CURR?"),
        ("drop during a setting", InstrumentFault.DropConnection(), "OUTP ON"),
        ("reboot", InstrumentFault.Reboot(TimeSpan.FromMilliseconds(300)), "MEAS:CURR?"),
    ];

    [Test]
    public async Task Every_injected_fault_is_survived_or_ends_in_the_safe_state_and_no_measurement_is_lost()
    {
        var injected = 0;
        var survived = 0;
        var endedSafe = 0;
        var expectedMeasurements = 0;
        var measurements = 0;
        foreach (var (name, fault, onCommand) in Faults)
        {
            var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
            await using var bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!));
            bench.Faults(BenchRoles.DutSupply).Inject(fault, FaultTrigger.OnCommand(onCommand));
            var taken = new List<double>();
            const int expected = 6;
            try
            {
                // A power-on procedure: program, switch on, settle, measure voltage and current three times.
                var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
                await supply.Instrument.SetVoltageAsync(supply.Channel, 1.8);
                await supply.Instrument.SetCurrentLimitAsync(supply.Channel, 1);
                await supply.Instrument.SetOutputAsync(supply.Channel, true);
                for (var i = 0; i < 3; i++)
                {
                    await bench.WaitAsync(TimeSpan.FromMilliseconds(100));
                    taken.Add(await supply.Instrument.MeasureVoltageAsync(supply.Channel));
                    taken.Add(await supply.Instrument.MeasureCurrentAsync(supply.Channel));
                }

                survived++;
                expectedMeasurements += expected;
                Assert.That(taken, Has.All.GreaterThan(0), $"{name}: a survived fault leaves true readings");
            }
            catch (InstrumentFaultException error)
            {
                // What a scenario's After hook does for a verdict of Error.
                var report = await bench.SafeStateAsync(SafeStateReason.InstrumentFault, error.Message);
                Assert.That(report.Complete, Is.True, name);
                Assert.That(error.Message, Does.Contain("DUT supply").And.Contain("Keysight E36312A"), name);
                endedSafe++;
                expectedMeasurements += taken.Count; // the procedure stopped: what it took is all it could take
            }

            injected += bench.Faults(BenchRoles.DutSupply).Injected.Count;
            measurements += taken.Count;
            TestContext.Out.WriteLine($"{name,-26} injected {bench.Faults(BenchRoles.DutSupply).Injected.Count}, faults seen {bench.Safety.InstrumentFaults.Count} (recovered {bench.Safety.InstrumentFaults.Count(f => f.Recovered)}), measurements {taken.Count}");
        }

        TestContext.Out.WriteLine($"faults injected: {injected}; procedures that survived: {survived}; ended in safe state: {endedSafe}; measurements lost: {expectedMeasurements - measurements}");
        Assert.Multiple(() =>
        {
            Assert.That(injected, Is.GreaterThanOrEqualTo(Faults.Length));
            Assert.That(survived + endedSafe, Is.EqualTo(Faults.Length), "every procedure either survived or ended safe");
            Assert.That(survived, Is.EqualTo(5), "every fault on an idempotent query is survived");
            Assert.That(endedSafe, Is.EqualTo(2), "a dropped setting and a reboot that lost the output end in the safe state");
            Assert.That(expectedMeasurements - measurements, Is.Zero, "measurements lost");
        });
    }
}
