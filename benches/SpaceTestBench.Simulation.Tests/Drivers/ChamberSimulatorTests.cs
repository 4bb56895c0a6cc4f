using SpaceTestBench.Instruments.Espec;
using SpaceTestBench.Instruments.Watlow;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Drivers;

/// <summary>The chamber drivers against their simulators, including the protocols' quirks.</summary>
public sealed class ChamberSimulatorTests
{
    private const double ZeroCelsius = 273.15;
    private Rig _rig = null!;

    [SetUp]
    public void Create() => _rig = Rig.Create(TestDuts.Plain);

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task A_fresh_F4T_answers_in_fahrenheit_until_told_otherwise()
    {
        var (session, _, _) = await _rig.ServeAsync(new WatlowF4TSimulator(_rig.Facility, "F4T-T", seed: 6, hostsDut: true));

        var fahrenheit = double.Parse(await session.FormattedIO.QueryAsync(":SOUR:CLO1:SPO?"), System.Globalization.CultureInfo.InvariantCulture);
        await session.FormattedIO.WriteLineAsync(":UNIT:TEMP C");
        var celsius = double.Parse(await session.FormattedIO.QueryAsync(":SOUR:CLO1:SPO?"), System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(fahrenheit, Is.EqualTo(73.4).Within(0.05), "23 °C");
        Assert.That(celsius, Is.EqualTo(23).Within(0.05));
    }

    [Test]
    public async Task The_P300_ramps_through_its_remote_program_and_holds_the_end_temperature()
    {
        var (chamber, _) = await _rig.OpenAsync(new EspecP300Simulator(_rig.Facility, seed: 4, hostsDut: true), s => new EspecP300(s));
        await chamber.SetRampRateAsync(3.0 / 60);
        await chamber.SetSetpointAsync(ZeroCelsius + 80);
        _rig.AdvanceSeconds(10 * 60);
        var midway = await chamber.MeasureAirTemperatureAsync() - ZeroCelsius;
        _rig.AdvanceHours(1);

        // A second-order loop tracking a ramp r lags by 2ζr/ω_n: 2 × 0.6 × 0.05 K/s / (2π/600 s) = 5.7 K.
        Assert.That(midway, Is.EqualTo(23 + 30 - (2 * 0.6 * 0.05 / (2 * Math.PI / 600))).Within(0.5));
        Assert.That(await chamber.MeasureAirTemperatureAsync() - ZeroCelsius, Is.EqualTo(80).Within(0.25));
        Assert.That(await chamber.GetSetpointAsync() - ZeroCelsius, Is.EqualTo(80).Within(0.05));
    }

    [Test]
    public async Task The_P300_answers_every_command_and_refuses_with_its_own_error_words()
    {
        var (session, _, _) = await _rig.ServeAsync(new EspecP300Simulator(_rig.Facility, seed: 4, hostsDut: true));

        async Task<string> Ask(string command) => await session.FormattedIO.QueryAsync(command + "\r");

        Assert.That(await Ask("TEMP, S25.0"), Is.EqualTo("OK:TEMP,S25.0"));
        Assert.That(await Ask("MODE, CONSTANT"), Is.EqualTo("OK:MODE,CONSTANT"));
        Assert.That(await Ask("MODE?"), Is.EqualTo("CONSTANT"));
        Assert.That(await Ask("TEMP, S200.0"), Is.EqualTo("NA:DATA OUT OF RANGE"));
        Assert.That(await Ask("TEMP, X1"), Is.EqualTo("NA:PARA ERR"));
        Assert.That(await Ask("HUMI?"), Is.EqualTo("NA:CMD ERR"), "a chamber without humidity");
        Assert.That(await Ask("RUN PRGM MON?"), Is.EqualTo("NA:CONT NOT READY-2"), "no remote program running");
    }

    [Test]
    public async Task In_standby_the_P300_stops_controlling_and_drifts_to_ambient()
    {
        var (chamber, _) = await _rig.OpenAsync(new EspecP300Simulator(_rig.Facility, seed: 4, hostsDut: true), s => new EspecP300(s));
        await chamber.SetSetpointAsync(ZeroCelsius + 60);
        _rig.AdvanceHours(1);
        var hot = await chamber.MeasureAirTemperatureAsync() - ZeroCelsius;
        await using (var raw = await SpaceTestBench.Visa.VisaResourceManager.OpenAsync(chamber.Resource))
        {
            Assert.That(await raw.FormattedIO.QueryAsync("MODE, STANDBY\r"), Is.EqualTo("OK:MODE,STANDBY"));
        }

        _rig.AdvanceHours(10);

        Assert.That(hot, Is.EqualTo(60).Within(0.25));
        Assert.That(await chamber.MeasureAirTemperatureAsync() - ZeroCelsius, Is.EqualTo(23).Within(0.25));
    }

    [Test]
    public async Task An_armed_F4T_requests_service_when_the_air_leaves_its_alarm_band_and_bench_time_stops_there()
    {
        var simulator = new WatlowF4TSimulator(_rig.Facility, "F4T-T", seed: 6, hostsDut: true);
        var (chamber, _) = await _rig.OpenAsync(simulator, s => new WatlowF4T(s));
        await chamber.ArmAirAlarmAsync(ZeroCelsius + 13, ZeroCelsius + 33);
        var requests = new List<DateTimeOffset>();
        using var woken = new CancellationTokenSource();
        using var watch = simulator.WatchServiceRequests(() =>
        {
            requests.Add(_rig.Clock.GetUtcNow());
            woken.Cancel();
        });
        var quiet = await chamber.ReadAirAlarmEventAsync();
        var armedAt = _rig.Clock.GetUtcNow();

        // A heater driven to 80 °C: the air crosses 33 °C within minutes; the only participant sleeps for a day.
        await chamber.SetSetpointAsync(ZeroCelsius + 80);
        Assert.That(async () => await _rig.Clock.SleepAsync(TimeSpan.FromDays(1), woken.Token), Throws.InstanceOf<OperationCanceledException>());
        var air = await chamber.MeasureAirTemperatureAsync() - ZeroCelsius;
        var event1 = await chamber.ReadAirAlarmEventAsync();
        var event2 = await chamber.ReadAirAlarmEventAsync();

        Assert.That(quiet, Is.False, "the air at 23 °C is inside 13–33 °C");
        Assert.That(requests, Has.Count.EqualTo(1));
        Assert.That(requests[0] - armedAt, Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromMinutes(30)));
        Assert.That(air, Is.EqualTo(33).Within(0.3), "time stopped where the air crossed the upper limit, not a day later at 80 °C");
        Assert.That(event1, Is.True, "the questionable TEMPerature event latched the request");
        Assert.That(event2, Is.False, "reading the event register cleared it");
    }

    [Test]
    public async Task A_disarmed_F4T_requests_nothing()
    {
        var simulator = new WatlowF4TSimulator(_rig.Facility, "F4T-T", seed: 6, hostsDut: true);
        var (chamber, _) = await _rig.OpenAsync(simulator, s => new WatlowF4T(s));
        await chamber.ArmAirAlarmAsync(ZeroCelsius + 13, ZeroCelsius + 33);
        await chamber.DisarmAirAlarmAsync();
        var requests = 0;
        using var watch = simulator.WatchServiceRequests(() => requests++);

        await chamber.SetSetpointAsync(ZeroCelsius + 80);
        await _rig.Clock.SleepAsync(TimeSpan.FromHours(2));

        Assert.That(await chamber.MeasureAirTemperatureAsync() - ZeroCelsius, Is.GreaterThan(33));
        Assert.That(requests, Is.Zero);
        Assert.That(await chamber.ReadAirAlarmEventAsync(), Is.False);
    }
    [Test]
    public async Task An_F4T_whose_line_the_bench_sees_is_read_without_error_checks_and_an_error_in_its_queue_is_caught_at_the_next_reading()
    {
        var simulator = new WatlowF4TSimulator(_rig.Facility, "F4T-T", seed: 6, hostsDut: true);
        var (chamber, faults) = await _rig.OpenAsync(simulator, s => new WatlowF4T(new SpaceTestBench.Visa.Sessions.ServiceRequestLineSession(s, simulator)));
        long ErrorChecks() => faults.MessagesByHeader.FirstOrDefault(h => h.Key == "SYST:ERR?").Value;
        var before = ErrorChecks();

        for (var i = 0; i < 10; i++)
        {
            await chamber.MeasureAirTemperatureAsync();
            await chamber.MeasureDutTemperatureAsync();
        }

        var afterReadings = ErrorChecks();
        simulator.InjectError(-240, "Hardware error;loop 2 sensor open");
        var error = Assert.ThrowsAsync<SpaceTestBench.Visa.Scpi.ScpiInstrumentException>(async () => await chamber.MeasureDutTemperatureAsync());
        var air = await chamber.MeasureAirTemperatureAsync() - ZeroCelsius;

        Assert.That(afterReadings, Is.EqualTo(before), "twenty readings with the line quiet: no SYST:ERR? of their own");
        Assert.That(error!.Code, Is.EqualTo(-240), "the error asserted the line (EAV in *SRE) before the reading's answer");
        Assert.That(simulator.ServiceRequestAsserted, Is.False, "the queue was read, so the line is quiet again");
        Assert.That(air, Is.EqualTo(23).Within(0.3));
    }
}
