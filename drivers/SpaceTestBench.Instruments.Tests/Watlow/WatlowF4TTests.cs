using SpaceTestBench.Instruments.Watlow;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Tests.Watlow;

public sealed class WatlowF4TTests
{
    private const string NoError = "0,\"No error\"";

    [Test]
    public async Task Open_switches_the_controller_to_celsius()
    {
        var session = new TranscriptSession(
            ("*IDN?", "WATLOW,F4T,F4T-2209-0117,03.05.0001"), ("*CLS", null), ("SYST:ERR?", NoError),
            (":UNIT:TEMP C", null), ("SYST:ERR?", NoError));

        await new WatlowF4T(session).OpenAsync();

        session.AssertComplete();
    }

    [Test]
    public async Task Setpoints_are_written_in_celsius_and_read_back_in_kelvin()
    {
        var session = new TranscriptSession(
            (":SOUR:CLO1:SPO -55", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:SPO?", "-55.0"), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:SPO 125.35", null), ("SYST:ERR?", NoError));
        var chamber = new WatlowF4T(session);

        await chamber.SetSetpointAsync(218.15);
        var setpoint = await chamber.GetSetpointAsync();
        await chamber.SetSetpointAsync(398.5);

        Assert.That(setpoint, Is.EqualTo(218.15).Within(1e-9));
        session.AssertComplete();
    }

    [Test]
    public async Task A_ramp_rate_in_kelvin_per_second_becomes_degrees_per_minute_with_ramping_on_setpoint_changes()
    {
        var session = new TranscriptSession(
            (":SOUR:CLO1:RRAT 3", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:RACT SETP", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:RACT OFF", null), ("SYST:ERR?", NoError));
        var chamber = new WatlowF4T(session);

        await chamber.SetRampRateAsync(0.05);
        await chamber.SetRampRateAsync(null);

        session.AssertComplete();
    }

    [Test]
    public async Task Air_DUT_and_pressure_come_from_loops_one_two_and_three()
    {
        var session = new TranscriptSession(
            (":SOUR:CLO1:PVAL?", "71.0"), ("SYST:ERR?", NoError),
            (":SOUR:CLO2:PVAL?", "68.4"), ("SYST:ERR?", NoError),
            (":SOUR:CLO3:PVAL?", "+1.00000000E-04"), ("SYST:ERR?", NoError));
        var chamber = new WatlowF4T(session);

        var air = await chamber.MeasureAirTemperatureAsync();
        var dut = await chamber.MeasureDutTemperatureAsync();
        var pressure = await chamber.MeasurePressureAsync();

        Assert.That(air, Is.EqualTo(344.15).Within(1e-9));
        Assert.That(dut, Is.EqualTo(341.55).Within(1e-9));
        Assert.That(pressure, Is.EqualTo(1e-4 * 101325 / 760).Within(1e-12), "1e-4 Torr is 13.3 mPa");
        session.AssertComplete();
    }

    [Test]
    public async Task Pump_down_is_digital_output_one()
    {
        var session = new TranscriptSession((":OUTP1:STAT ON", null), ("SYST:ERR?", NoError), (":OUTP1:STAT OFF", null), ("SYST:ERR?", NoError));
        var chamber = new WatlowF4T(session);

        await chamber.SetVacuumAsync(true);
        await chamber.SetVacuumAsync(false);

        session.AssertComplete();
    }

    [Test]
    public async Task Safe_state_ramps_to_ambient_at_two_kelvin_per_minute_and_keeps_the_vacuum()
    {
        var session = new TranscriptSession(
            (":SOUR:CLO1:RRAT 2", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:RACT SETP", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:SPO 25", null), ("SYST:ERR?", NoError));

        await new WatlowF4T(session).SafeStateAsync();

        session.AssertComplete();
    }

    [Test]
    public async Task The_air_alarm_is_armed_in_celsius_with_the_temperature_event_enabled_into_a_service_request()
    {
        var session = new TranscriptSession(
            (":SOUR:CLO1:ALAR:LOW 115", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:ALAR:UPP 135", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:ALAR ON", null), ("SYST:ERR?", NoError),
            (":STAT:QUES:ENAB 16", null), ("SYST:ERR?", NoError),
            ("*SRE 8", null), ("SYST:ERR?", NoError),
            (":STAT:QUES?", "16"), ("SYST:ERR?", NoError),
            (":STAT:QUES?", "0"), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:ALAR?", "1"), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:ALAR OFF", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:ALAR?", "0"), ("SYST:ERR?", NoError));
        var chamber = new WatlowF4T(session);

        await chamber.ArmAirAlarmAsync(388.15, 408.15);
        var first = await chamber.ReadAirAlarmEventAsync();
        var second = await chamber.ReadAirAlarmEventAsync();
        var onWhileArmed = await chamber.IsAirAlarmOnAsync();
        await chamber.DisarmAirAlarmAsync();
        var onWhenDisarmed = await chamber.IsAirAlarmOnAsync();

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(onWhileArmed, Is.True);
        Assert.That(onWhenDisarmed, Is.False);
        session.AssertComplete();
    }
    [Test]
    public async Task Where_the_bench_sees_its_service_request_line_an_error_requests_service_and_a_quiet_line_spares_the_readings_their_error_check()
    {
        var session = new TranscriptSession(
            ("*IDN?", "WATLOW,F4T,F4T-2209-0117,03.05.0001"), ("*CLS", null), ("SYST:ERR?", NoError),
            ("*SRE 4", null), ("SYST:ERR?", NoError),
            (":UNIT:TEMP C", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:PVAL?", "25.0"),
            (":SOUR:CLO2:PVAL?", "24.0"),
            (":SOUR:CLO1:ALAR:LOW 115", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:ALAR:UPP 135", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO1:ALAR ON", null), ("SYST:ERR?", NoError),
            (":STAT:QUES:ENAB 16", null), ("SYST:ERR?", NoError),
            ("*SRE 12", null), ("SYST:ERR?", NoError),
            (":SOUR:CLO2:PVAL?", "24.0"), ("SYST:ERR?", "-350,\"Queue overflow\""), ("SYST:ERR?", NoError));
        var line = new Line();
        var chamber = new WatlowF4T(new ServiceRequestLineSession(session, line));

        await chamber.OpenAsync();
        var air = await chamber.MeasureAirTemperatureAsync();
        await chamber.MeasureDutTemperatureAsync();
        await chamber.ArmAirAlarmAsync(388.15, 408.15);
        line.ServiceRequestAsserted = true;
        var error = Assert.ThrowsAsync<ScpiInstrumentException>(async () => await chamber.MeasureDutTemperatureAsync());

        Assert.That(air, Is.EqualTo(298.15).Within(1e-9));
        Assert.That(error!.Code, Is.EqualTo(-350));
        Assert.That(error.Command, Is.EqualTo(":SOUR:CLO2:PVAL?"));
        session.AssertComplete();
    }

    private sealed class Line : IServiceRequestLine
    {
        public bool ServiceRequestAsserted { get; set; }
    }
}
