using SpaceTestBench.Instruments.Keysight;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Tests.Faults;

/// <summary>
/// Every kind of injected fault, over a real socket, as a driver experiences it. Timing assertions only go one
/// way: a response that cannot come before 2 s is waited for 0.5 s (always a timeout), and one that comes
/// after 1 s is waited for 20 s (always arrives).
/// </summary>
public sealed class FaultInjectorTests
{
    private Rig _rig = null!;
    private KeysightE36312ASimulator _simulator = null!;
    private KeysightE36312A _supply = null!;
    private FaultInjector _faults = null!;

    [SetUp]
    public async Task Open()
    {
        _rig = Rig.Create(TestDuts.Plain);
        _simulator = new KeysightE36312ASimulator(_rig.Facility, "MY-T", 2);
        _rig.Facility.AttachSupply(_simulator.Channels[0], "core");
        _rig.Facility.AttachSupply(_simulator.Channels[1], "io");
        (_supply, _faults) = await _rig.OpenAsync(_simulator, s => new KeysightE36312A(s), timeoutMs: 20_000);
    }

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task A_delayed_response_times_the_query_out_and_then_arrives_late_as_a_stale_answer()
    {
        var (session, faults, _) = await _rig.ServeAsync(_simulator, timeoutMs: 500);
        faults.Inject(InstrumentFault.DelayResponses(TimeSpan.FromSeconds(2)));

        Assert.ThrowsAsync<VisaTimeoutException>(async () => await session.FormattedIO.QueryAsync("*IDN?"));
        session.TimeoutMilliseconds = 20_000;
        var stale = await session.FormattedIO.ReadLineAsync();

        Assert.That(stale, Does.StartWith("Keysight Technologies,E36312A"), "the late answer is still in the pipe: a driver must clear after a timeout");
        Assert.That(faults.Injected.Single().Kind, Is.EqualTo(InstrumentFaultKind.Delay));
        Assert.That(faults.Injected.Single().Command, Is.EqualTo("*IDN?"));
    }

    [Test]
    public async Task A_missing_response_times_out_but_the_command_took_effect()
    {
        var (session, faults, _) = await _rig.ServeAsync(_simulator, timeoutMs: 500);
        faults.Inject(InstrumentFault.MissingResponses());

        await session.FormattedIO.WriteLineAsync("VOLT 1.5,(@1);:VOLT? (@1)");
        Assert.ThrowsAsync<VisaTimeoutException>(async () => await session.FormattedIO.ReadLineAsync());
        session.TimeoutMilliseconds = 20_000;

        Assert.That(await session.FormattedIO.QueryAsync("VOLT? (@1)"), Is.EqualTo("+1.50000000E+00"));
    }

    [Test]
    public async Task A_dropped_connection_is_a_lost_connection_and_a_new_one_works()
    {
        _faults.Inject(InstrumentFault.DropConnection());

        var error = Assert.ThrowsAsync<VisaConnectionLostException>(() => _supply.MeasureVoltageAsync(1));
        await using var again = await VisaResourceManager.OpenAsync(_supply.Resource);

        Assert.That(error!.Message, Does.Contain(_supply.Resource));
        Assert.That(await again.FormattedIO.QueryAsync("*IDN?"), Does.Contain("E36312A"));
    }

    [Test]
    public void Garbage_instead_of_a_reading_is_a_protocol_error_not_a_number()
    {
        _faults.Inject(InstrumentFault.GarbageResponses());

        var error = Assert.ThrowsAsync<VisaProtocolException>(() => _supply.MeasureCurrentAsync(1));

        // The query and its error check share one response message (query;:SYST:ERR?): garbage in place of it
        // fails either as the reading or as the error entry after it, depending on where a ';' falls in the bytes.
        Assert.That(error!.Message, Does.Contain("expected a number").Or.Contain("answered garbage"));
    }

    [Test]
    public void An_error_pushed_on_the_queue_surfaces_after_the_next_command()
    {
        _faults.Inject(InstrumentFault.PushError(-310, "System error;fan failure"));

        var error = Assert.ThrowsAsync<ScpiInstrumentException>(() => _supply.SetVoltageAsync(1, 1.8));

        Assert.That(error!.Code, Is.EqualTo(-310));
        Assert.That(error.Text, Is.EqualTo("System error;fan failure"));
    }

    [Test]
    public async Task A_reboot_returns_the_instrument_to_power_on_drops_connections_and_it_is_deaf_while_it_boots()
    {
        await _supply.SetVoltageAsync(1, 1.8);
        await _supply.SetOutputAsync(1, true);
        await _supply.SetVoltageAsync(2, 3.3);
        await _supply.SetOutputAsync(2, true);
        _rig.AdvanceSeconds(3);
        var before = _rig.Facility.Observe().DutState;
        _faults.Inject(InstrumentFault.Reboot(TimeSpan.FromSeconds(1)));

        Assert.ThrowsAsync<VisaConnectionLostException>(() => _supply.MeasureVoltageAsync(1));
        var afterwards = _rig.Facility.Observe().DutState;
        await using var during = await VisaResourceManager.OpenAsync(_supply.Resource, new VisaOpenOptions { TimeoutMilliseconds = 20_000 });
        var deaf = Assert.ThrowsAsync<VisaConnectionLostException>(async () => await during.FormattedIO.QueryAsync("*IDN?"));
        _rig.Wall.Advance(TimeSpan.FromSeconds(1.5)); // the boot ends when the test says, however slow the machine
        await using var after = await VisaResourceManager.OpenAsync(_supply.Resource, new VisaOpenOptions { TimeoutMilliseconds = 20_000 });

        Assert.That(before, Is.EqualTo(DutState.Idle));
        Assert.That(afterwards, Is.EqualTo(DutState.Off), "the reboot switched the outputs off, and the DUT with them");
        Assert.That(deaf, Is.Not.Null);
        Assert.That(await after.FormattedIO.QueryAsync("OUTP? (@1:3)"), Is.EqualTo("0,0,0"));
    }

    [Test]
    public async Task A_reboot_at_a_bench_time_happens_then_even_with_nobody_talking_to_the_instrument()
    {
        await _supply.SetVoltageAsync(1, 1.8);
        await _supply.SetOutputAsync(1, true);
        await _supply.SetVoltageAsync(2, 3.3);
        await _supply.SetOutputAsync(2, true);
        _faults.Inject(InstrumentFault.Reboot(TimeSpan.Zero), FaultTrigger.AtBenchTime(TimeSpan.FromHours(2)));

        _rig.AdvanceHours(1.99);
        var before = _rig.Facility.Observe().DutState;
        _rig.AdvanceHours(0.02);

        Assert.That(before, Is.EqualTo(DutState.Idle));
        Assert.That(_rig.Facility.Observe().DutState, Is.EqualTo(DutState.Off));
        Assert.That(_faults.Injected.Single().BenchTime, Is.EqualTo(_rig.Facility.Start + TimeSpan.FromHours(2)));
    }

    [Test]
    public async Task Faults_can_wait_for_a_number_of_commands_or_a_matching_command()
    {
        // The injector counts messages: a setting goes with its error check in one message (VOLT …;:SYST:ERR?).
        _faults.Inject(InstrumentFault.PushError(-350, "Queue overflow"), FaultTrigger.AfterCommands(2));
        _faults.Inject(InstrumentFault.GarbageResponses(), FaultTrigger.OnCommand("MEAS:CURR"));

        await _supply.SetVoltageAsync(1, 1.8); // VOLT …;:SYST:ERR?
        await _supply.SetCurrentLimitAsync(1, 1); // CURR …;:SYST:ERR?
        var queued = Assert.ThrowsAsync<ScpiInstrumentException>(() => _supply.SetOutputAsync(1, true));
        var measured = await _supply.MeasureVoltageAsync(1);
        var garbled = Assert.ThrowsAsync<VisaProtocolException>(() => _supply.MeasureCurrentAsync(1));

        Assert.That(queued!.Code, Is.EqualTo(-350));
        Assert.That(measured, Is.EqualTo(1.8).Within(0.01));
        Assert.That(garbled, Is.Not.Null);
        Assert.That(_faults.ArmedCount, Is.Zero);
    }

    [Test]
    public async Task Random_faults_hit_about_their_share_of_commands_and_the_same_commands_every_run()
    {
        var (session, faults, _) = await _rig.ServeAsync(_simulator);
        faults.Inject(InstrumentFault.PushError(-300, "Device-specific error"), FaultTrigger.WithProbability(0.2));

        for (var i = 0; i < 500; i++)
        {
            await session.FormattedIO.WriteLineAsync("*CLS");
        }

        await session.FormattedIO.QueryAsync("*OPC?");
        var hits = faults.Injected.Count;
        Assert.That(hits, Is.EqualTo(100).Within(5 * Math.Sqrt(500 * 0.2 * 0.8)), "binomial(501, 0.2)");
        Assert.That(faults.ArmedCount, Is.EqualTo(1), "a random fault stays armed");
    }

    [Test]
    public async Task A_DUT_latch_up_can_be_injected_at_a_bench_time()
    {
        await using var rig = Rig.Create(TestDuts.Plain with
        {
            SingleEvents = new SingleEventSpec(0, null, null, 1, null,
                new LatchupSpec("io", TestDuts.Weibull(1e-4, 10, 10, 1), 358.15, 3.3, 50, 2, 1.5, 0.03, 5, null)),
        });
        var simulator = new KeysightE36312ASimulator(rig.Facility, "MY-T", 2);
        rig.Facility.AttachSupply(simulator.Channels[0], "core");
        rig.Facility.AttachSupply(simulator.Channels[1], "io");
        var (supply, faults) = await rig.OpenAsync(simulator, s => new KeysightE36312A(s));
        await supply.SetVoltageAsync(2, 3.3);
        await supply.SetCurrentLimitAsync(2, 1);
        await supply.SetOutputAsync(2, true);
        faults.Inject(InstrumentFault.DutLatchup(), FaultTrigger.AtBenchTime(TimeSpan.FromMinutes(30)));

        rig.AdvanceHours(1);

        Assert.That(await supply.MeasureCurrentAsync(2), Is.EqualTo(TestDuts.Io.CurrentAt(3.3, default) + 0.36).Within(0.002));
        Assert.That(faults.Injected.Single().Kind, Is.EqualTo(InstrumentFaultKind.Latchup));
    }

    [Test]
    public async Task A_current_reading_shift_at_a_bench_time_moves_what_the_supply_reads_not_what_the_DUT_draws()
    {
        await _supply.SetVoltageAsync(1, 1.8);
        await _supply.SetOutputAsync(1, true);
        _faults.Inject(InstrumentFault.ShiftCurrentReadings(0.002), FaultTrigger.AtBenchTime(TimeSpan.FromHours(2)));

        _rig.AdvanceHours(1.99);
        var before = await _supply.MeasureCurrentAsync(1);
        var drawnBefore = _simulator.Channels[0].OperatingPoint(_rig.Facility.Clock.GetUtcNow()).Amperes;
        _rig.AdvanceHours(0.02);
        var after = await _supply.MeasureCurrentAsync(1);
        var drawnAfter = _simulator.Channels[0].OperatingPoint(_rig.Facility.Clock.GetUtcNow()).Amperes;

        Assert.Multiple(() =>
        {
            Assert.That(before - drawnBefore, Is.EqualTo(0).Within(5 * 5e-5), "inside the readback noise before the shift");
            Assert.That(after - drawnAfter, Is.EqualTo(0.002).Within(5 * 5e-5), "2 mA more read than drawn after it");
            Assert.That(drawnAfter, Is.EqualTo(drawnBefore).Within(1e-6), "the DUT draws what it drew");
            Assert.That(_faults.Injected.Single().Kind, Is.EqualTo(InstrumentFaultKind.CurrentReadingShift));
        });
    }

    [Test]
    public void A_current_reading_shift_is_refused_for_an_instrument_that_reads_no_current()
    {
        var agent = new DutTestAgentSimulator(_rig.Facility, "AGENT-T", 3);
        using var faults = new FaultInjector(agent, _rig.Facility, 3);

        var error = Assert.Throws<ArgumentException>(() => faults.Inject(InstrumentFault.ShiftCurrentReadings(0.002)));

        Assert.That(error!.Message, Does.Contain("current-reading shift").And.Contain(agent.Model));
    }
}
