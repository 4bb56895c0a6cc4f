using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests.Safety;

/// <summary>Interlocks, the safe-state sequence and instrument faults on the default simulated bench.</summary>
public sealed class SafetyTests
{
    private static Task<BenchSession> OpenAsync(string dut = "fixtures/duts/rad-hard-soc.json")
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        return BenchSession.OpenAsync(definition, DutProfileLoader.Load(TestRepository.Path(dut)));
    }

    /// <summary>
    /// The latch-up comes at a random bench time for each seed; the SMU's service request must reach the interlock
    /// before bench time moves past it, whatever the threads' scheduling (the clock holds at a request until it is
    /// delivered). Over 32 seeds this failed about 1 run in 2 for some seed when delivery was left to timing.
    /// </summary>
    [Test]
    public async Task A_latch_up_at_a_random_time_under_the_beam_is_power_cycled_long_before_the_part_burns_out([Range(1, 32)] int seed)
    {
        await using var bench = await OpenAsync("fixtures/duts/cots-ai-accelerator.json");
        var smu = bench.Role<ILatchupMonitor>(BenchRoles.LatchupMonitor).Instrument;
        await smu.SetCurrentLimitAsync(1.0);
        await smu.SetVoltageAsync(1.98);
        await smu.SetOutputAsync(true);
        var beam = bench.Role<IParticleBeam>(BenchRoles.ParticleBeam).Instrument;
        await beam.SelectSpeciesAsync("C"); // LET 1.3, below the part's SEL threshold: only the injected latch-up happens
        await beam.SetFluxAsync(1e4 * 1e4);
        await beam.SetShutterOpenAsync(true);
        var at = bench.Clock.GetUtcNow() - bench.Simulation!.Start + TimeSpan.FromSeconds(5 + new Random(seed).NextDouble() * 55);
        bench.Faults(BenchRoles.LatchupMonitor).Inject(InstrumentFault.DutLatchup(), FaultTrigger.AtBenchTime(at));

        await bench.WaitAsync(TimeSpan.FromSeconds(90));

        var truth = bench.Simulation.Observe();
        var trips = bench.Safety.Trips.Where(t => t.Kind == InterlockKind.Latchup).ToList();
        Assert.That(trips, Has.Count.EqualTo(1), $"one latch-up trip (the part latched {truth.LatchupCount} times and {(truth.BurntOut ? "burnt out" : "did not burn out")})");
        var trip = trips[0];
        var onset = bench.Simulation.Start + at;
        var fromOnset = trip.DetectedAt - onset + trip.ResponseTime;

        // What is asserted is the bench's own part, reproducible on any machine; the wall time of the I/O that
        // the trip adds on a virtual clock (what a real bench would spend on the wire) depends on how loaded
        // this machine is, so it is printed, not asserted.
        var benchResponse = trip.ResponseTime - trip.IoWallTime;
        TestContext.Out.WriteLine($"latch-up at {at.TotalSeconds:0.000} s: detected {(trip.DetectedAt - onset).TotalMilliseconds:0.0} ms after onset, power off {trip.ResponseTime.TotalMilliseconds:0.0} ms after detection (of which {trip.IoWallTime.TotalMilliseconds:0.0} ms wall-clock I/O); {fromOnset.TotalMilliseconds:0.0} ms onset to power off (burnout: 2000 ms)");
        Assert.Multiple(() =>
        {
            Assert.That(truth.LatchupCount, Is.EqualTo(1));
            Assert.That(truth.BurntOut, Is.False, "the power cycle came before the 2 s burnout");
            Assert.That(trip.DetectedAt - onset, Is.LessThanOrEqualTo(TimeSpan.FromMilliseconds(1)), "at the onset: the SMU requests service the instant its current passes the threshold");
            Assert.That(benchResponse, Is.LessThanOrEqualTo(trip.AllowedResponseTime!.Value), "the bench's part of the response");
            Assert.That(trip.IoWallTime, Is.GreaterThanOrEqualTo(TimeSpan.Zero));
            Assert.That(trip.Action, Is.EqualTo(InterlockAction.Continue), "the bench file's action for latch-up");
            Assert.That(truth.Latched, Is.False);
        });
        Assert.That(await smu.IsOutputOnAsync(), Is.True, "the rail the step had on is on again after the cycle");
    }

    [Test]
    public async Task Under_the_beam_the_latch_up_interlock_reads_nothing_until_the_SMU_requests_service()
    {
        // The SMU watches its rail itself (armed with the threshold, it requests service the instant the current
        // rises above it): a beam run with no latch-up costs the interlock no reading, where polling every 100 ms
        // cost 100 evaluations in these 10 s and 36,000 an hour.
        await using var bench = await OpenAsync();
        var smu = bench.Role<ILatchupMonitor>(BenchRoles.LatchupMonitor).Instrument;
        await smu.SetVoltageAsync(1.98);
        await smu.SetOutputAsync(true);
        var beam = bench.Role<IParticleBeam>(BenchRoles.ParticleBeam).Instrument;
        await beam.SelectSpeciesAsync("C");
        await beam.SetFluxAsync(1e4 * 1e4);
        await beam.SetShutterOpenAsync(true);
        await bench.WaitAsync(TimeSpan.FromSeconds(1));
        var beforeRun = bench.InterlockEvaluations;
        await bench.WaitAsync(TimeSpan.FromHours(1));
        var underBeam = bench.InterlockEvaluations - beforeRun;

        Assert.That(underBeam, Is.LessThan(20), "an hour under the beam: only the other interlocks' own cadences");
        Assert.That(bench.Safety.Trips, Is.Empty);
    }

    [Test]
    public async Task Where_its_instrument_cannot_request_service_the_latch_up_interlock_polls_under_the_beam_and_idles_once_the_shutter_closes()
    {
        // A real bench's VISA layer surfaces no SRQ yet, and a supply cannot be armed: the interlock then reads the
        // current at every period under the beam (the shutter every few periods) and returns to its idle period
        // once the shutter closes, or an hour of closed shutter would cost 36,000 evaluations. Here it watches the
        // core rail through the DUT supply, which the bench polls.
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        definition = definition with
        {
            Safety = definition.Safety with
            {
                Interlocks = [.. definition.Safety.Interlocks.Select(i => i.Kind == InterlockKind.Latchup ? i with { Role = BenchRoles.DutSupply } : i)],
            },
        };
        await using var bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc.json")));
        var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
        await supply.Instrument.SetVoltageAsync(supply.Channel, 1.8);
        await supply.Instrument.SetOutputAsync(supply.Channel, true);
        var beam = bench.Role<IParticleBeam>(BenchRoles.ParticleBeam).Instrument;
        await beam.SelectSpeciesAsync("C");
        await beam.SetFluxAsync(1e4 * 1e4);
        await beam.SetShutterOpenAsync(true);
        var beforeOpen = bench.InterlockEvaluations;
        await bench.WaitAsync(TimeSpan.FromSeconds(10));
        var underBeam = bench.InterlockEvaluations - beforeOpen;

        await beam.SetShutterOpenAsync(false);
        var closed = bench.InterlockEvaluations;
        await bench.WaitAsync(TimeSpan.FromHours(1));

        Assert.That(underBeam, Is.GreaterThanOrEqualTo(100), "every 100 ms under the beam");
        Assert.That(bench.InterlockEvaluations - closed, Is.LessThan(100), "idle within a few periods of the shutter closing");
        Assert.That(bench.Safety.Trips, Is.Empty, "a healthy core rail under carbon ions");
    }

    [Test]
    public async Task An_over_temperature_stops_the_scenario_and_runs_the_safe_state_in_its_order()
    {
        await using var bench = await OpenAsync();
        var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
        await supply.Instrument.SetVoltageAsync(supply.Channel, 1.8);
        await supply.Instrument.SetOutputAsync(supply.Channel, true);
        var chamber = bench.Role<IThermalChamber>(BenchRoles.ThermalChamber).Instrument;
        await chamber.SetRampRateAsync(null);
        await chamber.SetSetpointAsync(273.15 + 175); // above the bench's 150 °C maximum for the DUT

        var stopped = Assert.ThrowsAsync<InterlockTrippedException>(() => bench.WaitAsync(TimeSpan.FromHours(10)));

        Assert.That(stopped!.Trip.Kind, Is.EqualTo(InterlockKind.OverTemperature));
        Assert.That(stopped.Trip.Reading.SiValue, Is.GreaterThan(273.15 + 150).And.LessThan(273.15 + 160), "caught while crossing, not long after");
        var safe = bench.Safety.SafeStates.Single(s => s.Reason == SafeStateReason.InterlockTrip);
        Assert.That(safe.Stages.Select(s => s.Name), Is.EqualTo(new[] { "radiation off", "DUT power off", "chamber to ambient", "other instruments" }));
        Assert.That(safe.Complete, Is.True);
        Assert.ThrowsAsync<InterlockTrippedException>(() => supply.Instrument.MeasureCurrentAsync(supply.Channel), "the stopped scenario's steps get no further");
        bench.Safety.BeginScenario(null);
        Assert.That(await supply.Instrument.IsOutputOnAsync(supply.Channel), Is.False, "DUT outputs off");
        Assert.That(await chamber.GetSetpointAsync(), Is.EqualTo(273.15 + 24).Within(2), "chamber going to ambient (the driver's safe ambient)");
    }

    [Test]
    public async Task A_chamber_driven_off_its_setpoint_behind_the_benchs_back_trips_the_deviation_interlock_on_the_controllers_alarm()
    {
        // Arrived at its setpoint, the F4T watches the air itself (its alarm armed with the band): a day at ambient costs
        // the interlock a few evaluations, where reading the air at the 0.25 K/min drift cost one every 20 min. A setpoint
        // changed at the controller (not through the bench) drives the air out of the band; the alarm's request stops
        // bench time where it leaves it, so the trip's reading is at the band's edge, not a reading minutes later.
        await using var bench = await OpenAsync();
        var chamber = bench.Role<IThermalChamber>(BenchRoles.ThermalChamber).Instrument;
        await chamber.SetRampRateAsync(null);
        await chamber.SetSetpointAsync(273.15 + 25);
        await bench.WaitAsync(TimeSpan.FromHours(2));
        var settled = bench.InterlockEvaluations;
        var messages = bench.Faults(BenchRoles.ThermalChamber).Messages;
        await bench.WaitAsync(TimeSpan.FromDays(1));
        var evaluationsInADay = bench.InterlockEvaluations - settled;
        var chamberMessagesInADay = bench.Faults(BenchRoles.ThermalChamber).Messages - messages;

        using (var frontPanel = ((Visa.Scpi.ScpiDevice)bench.Faults(BenchRoles.ThermalChamber).Instrument).Connect())
        {
            frontPanel.Execute(System.Text.Encoding.ASCII.GetBytes(":UNIT:TEMP C;:SOUR:CLO1:RACT OFF;:SOUR:CLO1:SPO 80"));
        }

        var stopped = Assert.ThrowsAsync<InterlockTrippedException>(() => bench.WaitAsync(TimeSpan.FromHours(10)));

        Assert.That(evaluationsInADay, Is.LessThan(60), "a day at the setpoint: the interlocks' idle periods and the over-temperature's cadence");
        Assert.That(chamberMessagesInADay, Is.LessThan(150), "no air reading every 20 min (72 readings and their error checks a day)");
        Assert.That(stopped!.Trip.Kind, Is.EqualTo(InterlockKind.ChamberDeviation));
        // Heating at its 6 K/min, the air moves 0.1 K/s: caught within the world's step of leaving the band (a poll
        // every 20 min at the drift's pace would have read it up to 20 K past).
        Assert.That(stopped.Trip.Reading.SiValue, Is.GreaterThan(273.15 + 25 + 10 - 0.2).And.LessThan(273.15 + 25 + 10 + 2), "caught where the air left the 10 K band");
        Assert.That(bench.Safety.SafeStates.Single(s => s.Reason == SafeStateReason.InterlockTrip).Complete, Is.True);
    }

    [Test]
    public async Task A_resumed_run_restoring_a_hot_chamber_does_not_trip_the_deviation_interlock_armed_around_the_fresh_world()
    {
        // The interrupted run: the chamber held at 125 °C, its physics saved. The resumed run opens a fresh bench (air at
        // room temperature, the controller's alarm armed around it once the air has arrived) and restores that physics: the
        // interlocks watch the restored world afresh, and a chamber that made no jump trips nothing. Found by a SIGKILL in
        // the latch-up suite's beam run (ResumeAnywhereTests): "The chamber deviation interlock tripped at 125 °C (limit 33 °C)".
        string hot;
        await using (var interrupted = await OpenAsync())
        {
            var chamber = interrupted.Role<IThermalChamber>(BenchRoles.ThermalChamber).Instrument;
            await chamber.SetRampRateAsync(null);
            await chamber.SetSetpointAsync(273.15 + 125);
            await interrupted.WaitAsync(TimeSpan.FromHours(3));
            Assert.That(await chamber.MeasureAirTemperatureAsync(), Is.EqualTo(273.15 + 125).Within(2), "the chamber was hot when the run was cut");
            hot = interrupted.Simulation!.CaptureState();
        }

        await using var resumed = await OpenAsync();
        await resumed.WaitAsync(TimeSpan.FromHours(2)); // arrived at room temperature: the controller's alarm is armed around it
        await resumed.RestoreWorldAsync(hot);
        var air = await resumed.Role<IThermalChamber>(BenchRoles.ThermalChamber).Instrument.MeasureAirTemperatureAsync();

        Assert.DoesNotThrowAsync(() => resumed.WaitAsync(TimeSpan.FromMinutes(10)), "no trip on the restored air");
        Assert.That(air, Is.GreaterThan(273.15 + 100), "the restored world is the hot one");
        Assert.That(resumed.Safety.SafeStates.Where(s => s.Reason == SafeStateReason.InterlockTrip), Is.Empty);
    }

    [TestCase(InstrumentFaultKind.Disconnect)]
    [TestCase(InstrumentFaultKind.Garbage)]
    [TestCase(InstrumentFaultKind.ScpiError)]
    [TestCase(InstrumentFaultKind.Delay)]
    public async Task A_fault_during_an_idempotent_query_is_survived_and_recorded(InstrumentFaultKind kind)
    {
        await using var bench = await OpenAsync();
        var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
        await supply.Instrument.SetVoltageAsync(supply.Channel, 1.8);
        var fault = kind switch
        {
            InstrumentFaultKind.Delay => InstrumentFault.DelayResponses(TimeSpan.FromMilliseconds(supply.Definition.TimeoutMilliseconds + 1500)),
            InstrumentFaultKind.ScpiError => InstrumentFault.PushError(-310, "System error"),
            _ => new InstrumentFault(kind),
        };
        bench.Faults(BenchRoles.DutSupply).Inject(fault, kind == InstrumentFaultKind.ScpiError ? FaultTrigger.NextCommand : FaultTrigger.OnCommand("MEAS:VOLT?"));

        var volts = await supply.Instrument.MeasureVoltageAsync(supply.Channel);

        Assert.That(volts, Is.EqualTo(0).Within(0.01), "output off: the retried query answers truly");
        Assert.That(bench.Safety.InstrumentFaults, Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(bench.Safety.InstrumentFaults.All(f => f.Recovered), Is.True);
        Assert.That(bench.Safety.InstrumentFaults[0].Operation, Does.StartWith("MeasureVoltage"));
    }

    [Test]
    public async Task A_fault_during_a_setting_is_not_retried_and_names_role_instrument_and_operation()
    {
        await using var bench = await OpenAsync();
        var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
        bench.Faults(BenchRoles.DutSupply).Inject(InstrumentFault.DropConnection(), FaultTrigger.OnCommand("OUTP ON"));

        var error = Assert.ThrowsAsync<InstrumentFaultException>(() => supply.Instrument.SetOutputAsync(supply.Channel, true));

        Assert.That(error!.Role, Is.EqualTo(BenchRoles.DutSupply));
        Assert.That(error.Message, Does.Contain("Keysight E36312A").And.Contain("SetOutput(1, True)").And.Contain("not retried"));
        Assert.That(await supply.Instrument.IsOutputOnAsync(supply.Channel), Is.False, "reconnected: the bench can still reach it");
    }

    [Test]
    public async Task A_stop_request_ends_a_long_wait_at_once_instead_of_holding_the_operator()
    {
        await using var bench = await OpenAsync();
        using var stop = new CancellationTokenSource();
        bench.StopOn(stop.Token);
        var wait = bench.WaitAsync(TimeSpan.FromDays(365));
        await stop.CancelAsync();
        Assert.That(async () => await wait, Throws.InstanceOf<OperationCanceledException>());
    }
}
