using SpaceTestBench.Instruments.Keithley;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Instruments.Tests.Keithley;

public sealed class Keithley2450Tests
{
    private const string NoError = "0,\"No error;0;0 0\"";

    [Test]
    public async Task Open_checks_the_SCPI_command_set_and_sets_up_voltage_sourcing_with_current_sensing()
    {
        var session = new TranscriptSession(
            ("*IDN?", "KEITHLEY INSTRUMENTS,MODEL 2450,04496215,1.7.12b"), ("*CLS", null), ("SYST:ERR?", NoError),
            ("*LANG?;:SYST:ERR?", "SCPI;" + NoError),
            (":SOUR:FUNC VOLT;:SENS:FUNC \"CURR\";:SYST:ERR?", NoError));
        var smu = new Keithley2450(session);

        await smu.OpenAsync();

        Assert.That(smu.Identity!.SerialNumber, Is.EqualTo("04496215"));
        session.AssertComplete();
    }

    [Test]
    public void An_SMU_running_the_TSP_command_set_is_refused_with_what_to_do()
    {
        var session = new TranscriptSession(
            ("*IDN?", "KEITHLEY INSTRUMENTS,MODEL 2450,04496215,1.7.12b"), ("*CLS", null), ("SYST:ERR?", NoError),
            ("*LANG?;:SYST:ERR?", "TSP;" + NoError));

        var error = Assert.ThrowsAsync<VisaProtocolException>(() => new Keithley2450(session).OpenAsync());

        Assert.That(error!.Message, Does.Contain("TSP").And.Contain("*LANG SCPI"));
    }

    [Test]
    public async Task The_over_current_request_arms_the_limit_test_into_the_status_byte_and_its_event_is_read_and_cleared()
    {
        var session = new TranscriptSession(
            (":CALC2:CURR:LIM1:UPP 0.33;:CALC2:CURR:LIM1:STAT ON;:STAT:QUES:ENAB 2;*SRE 8;:SYST:ERR?", NoError),
            (":STAT:QUES?;:SYST:ERR?", "2;" + NoError),
            (":STAT:QUES?;:SYST:ERR?", "0;" + NoError));
        var smu = new Keithley2450(session);

        await smu.ArmOverCurrentRequestAsync(0.33);
        var first = await smu.ReadOverCurrentEventAsync();
        var second = await smu.ReadOverCurrentEventAsync();

        Assert.That(first, Is.True, "questionable CURRent (bit 1): the current passed the limit");
        Assert.That(second, Is.False);
        session.AssertComplete();
    }

    [Test]
    public async Task The_over_current_request_is_read_back_in_one_message_and_found_armed_only_as_it_was_armed()
    {
        const string readBack = ":CALC2:CURR:LIM1:UPP?;:CALC2:CURR:LIM1:STAT?;:STAT:QUES:ENAB?;*SRE?;:SYST:ERR?";
        var session = new TranscriptSession(
            (readBack, "+3.30000000E-01;1;2;8;" + NoError),
            (readBack, "+3.30000000E-01;1;2;12;" + NoError),
            (readBack, "+1.05000000E+00;0;0;0;" + NoError),
            (readBack, "+3.00000000E-01;1;2;8;" + NoError),
            (readBack, "+3.30000000E-01;1;0;8;" + NoError));
        var smu = new Keithley2450(session);

        Assert.That(await smu.IsOverCurrentRequestArmedAsync(0.33), Is.True);
        Assert.That(await smu.IsOverCurrentRequestArmedAsync(0.33), Is.True, "another summary enabled beside QUES leaves it armed");
        Assert.That(await smu.IsOverCurrentRequestArmedAsync(0.33), Is.False, "after a reset: the limit test off, nothing enabled");
        Assert.That(await smu.IsOverCurrentRequestArmedAsync(0.33), Is.False, "armed at another level");
        Assert.That(await smu.IsOverCurrentRequestArmedAsync(0.33), Is.False, "the CURRent bit not enabled into the summary");
        session.AssertComplete();
    }

    [Test]
    public async Task Current_and_trip_flag_are_read_in_one_message()
    {
        var session = new TranscriptSession(
            (":MEAS:CURR?;:SOUR:VOLT:ILIM:TRIP?;:SYST:ERR?", "-1.234567E-01;1;" + NoError),
            (":MEAS:CURR?;:SOUR:VOLT:ILIM:TRIP?;:SYST:ERR?", "+2.000000E-03;0;" + NoError));
        var smu = new Keithley2450(session);

        var (amperes, tripped) = await smu.MeasureCurrentAndTripAsync();
        var (quiet, free) = await smu.MeasureCurrentAndTripAsync();

        Assert.That((amperes, tripped), Is.EqualTo((-0.1234567, true)));
        Assert.That((quiet, free), Is.EqualTo((0.002, false)));
        session.AssertComplete();
    }

    [Test]
    public async Task Limit_level_output_and_measurements_are_pinned()
    {
        var session = new TranscriptSession(
            (":SOUR:VOLT:ILIM 0.3;:SYST:ERR?", NoError),
            (":SOUR:VOLT 1.98;:SYST:ERR?", NoError),
            (":OUTP ON;:SYST:ERR?", NoError),
            (":MEAS:CURR?;:SYST:ERR?", "-1.234567E-01;" + NoError),
            (":MEAS:VOLT?;:SYST:ERR?", "+1.979999E+00;" + NoError),
            (":SOUR:VOLT:ILIM:TRIP?;:SYST:ERR?", "1;" + NoError),
            (":OUTP?;:SYST:ERR?", "1;" + NoError));
        var smu = new Keithley2450(session);

        await smu.SetCurrentLimitAsync(0.3);
        await smu.SetVoltageAsync(1.98);
        await smu.SetOutputAsync(true);
        var amperes = await smu.MeasureCurrentAsync();
        var volts = await smu.MeasureVoltageAsync();
        var tripped = await smu.IsCurrentLimitTrippedAsync();
        var on = await smu.IsOutputOnAsync();

        Assert.That(amperes, Is.EqualTo(-0.1234567));
        Assert.That(volts, Is.EqualTo(1.979999));
        Assert.That(tripped, Is.True);
        Assert.That(on, Is.True);
        session.AssertComplete();
    }

    [Test]
    public void A_settings_conflict_is_raised_with_the_command()
    {
        var session = new TranscriptSession(
            (":SOUR:VOLT 30;:SYST:ERR?", "-221,\"Settings conflict\""), ("SYST:ERR?", NoError));

        var error = Assert.ThrowsAsync<ScpiInstrumentException>(() => new Keithley2450(session).SetVoltageAsync(30));

        Assert.That(error!.Code, Is.EqualTo(-221));
        Assert.That(error.Command, Is.EqualTo(":SOUR:VOLT 30"));
    }

    [Test]
    public void A_query_that_fails_in_execution_is_answered_by_its_error_alone_and_raised_with_the_query()
    {
        // The measurement unit produced no response, so the one response unit is :SYST:ERR?'s; the queue is drained after it.
        var session = new TranscriptSession(
            (":MEAS:CURR?;:SYST:ERR?", "-230,\"Data corrupt or stale;1;0 0\""), ("SYST:ERR?", "-350,\"Queue overflow\""), ("SYST:ERR?", NoError));

        var error = Assert.ThrowsAsync<ScpiInstrumentException>(() => new Keithley2450(session).MeasureCurrentAsync());

        Assert.That(error!.Code, Is.EqualTo(-230));
        Assert.That(error.Command, Is.EqualTo(":MEAS:CURR?"));
        Assert.That(error.AllErrors.Select(e => e.Code), Is.EqualTo(new[] { -230, -350 }));
        session.AssertComplete();
    }

    [Test]
    public void A_query_answered_with_an_error_after_its_response_is_raised_even_though_the_response_parsed()
    {
        var session = new TranscriptSession(
            (":MEAS:CURR?;:SYST:ERR?", "-1.234567E-01;-310,\"System error\""), ("SYST:ERR?", NoError));

        var error = Assert.ThrowsAsync<ScpiInstrumentException>(() => new Keithley2450(session).MeasureCurrentAsync());

        Assert.That(error!.Code, Is.EqualTo(-310));
        session.AssertComplete();
    }

    [Test]
    public async Task Safe_state_switches_the_output_off()
    {
        var session = new TranscriptSession((":OUTP OFF;:SYST:ERR?", NoError));

        await new Keithley2450(session).SafeStateAsync();

        session.AssertComplete();
    }
}
