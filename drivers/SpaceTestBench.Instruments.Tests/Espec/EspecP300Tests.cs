using SpaceTestBench.Instruments.Espec;
using SpaceTestBench.Visa;

namespace SpaceTestBench.Instruments.Tests.Espec;

public sealed class EspecP300Tests
{
    [Test]
    public async Task Open_checks_the_controller_type_and_reads_its_firmware_without_SCPI()
    {
        var session = new TranscriptSession(("TYPE?\r", "DRY,P300,180"), ("ROM?\r", "P300 V1.10"));
        var chamber = new EspecP300(session);

        await chamber.OpenAsync();

        Assert.That(chamber.Identity!.Model, Is.EqualTo("P300"));
        Assert.That(chamber.Identity.Firmware, Is.EqualTo("P300 V1.10"));
        session.AssertComplete();
    }

    [Test]
    public void Another_controller_is_refused()
    {
        var session = new TranscriptSession(("TYPE?\r", "DRY,SCP220,150"));

        var error = Assert.ThrowsAsync<VisaProtocolException>(() => new EspecP300(session).OpenAsync());

        Assert.That(error!.Message, Does.Contain("expected an ESPEC P300").And.Contain("SCP220"));
    }

    [Test]
    public async Task Without_a_ramp_rate_a_setpoint_is_a_constant_mode_setting()
    {
        var session = new TranscriptSession(("TEMP, S-40.0\r", "OK:TEMP,S-40.0"), ("MODE, CONSTANT\r", "OK:MODE,CONSTANT"));

        await new EspecP300(session).SetSetpointAsync(233.15);

        session.AssertComplete();
    }

    [Test]
    public async Task With_a_ramp_rate_a_setpoint_runs_a_one_step_remote_program_from_the_present_temperature()
    {
        // 23.0 °C to 80.0 °C at 3 K/min: 19 minutes.
        var session = new TranscriptSession(
            ("MON PTC?\r", "22.6,23.0,CONSTANT,0"),
            ("RUN PRGM, TEMP23.0 GOTEMP80.0 TIME0:19\r", "OK:RUN PRGM,TEMP23.0 GOTEMP80.0 TIME0:19"));
        var chamber = new EspecP300(session);

        await chamber.SetRampRateAsync(0.05);
        await chamber.SetSetpointAsync(353.15);

        session.AssertComplete();
    }

    [Test]
    public async Task Temperatures_are_parsed_from_the_comma_separated_answers()
    {
        var session = new TranscriptSession(
            ("MON PTC?\r", "-38.2,-40.1,CONSTANT,0"), ("MON PTC?\r", "-38.2,-40.1,CONSTANT,0"), ("TEMP?\r", "-40.1,-40.0,180.0,-70.0"));
        var chamber = new EspecP300(session);

        Assert.That(await chamber.MeasureAirTemperatureAsync(), Is.EqualTo(233.05).Within(1e-9));
        Assert.That(await chamber.MeasureDutTemperatureAsync(), Is.EqualTo(234.95).Within(1e-9));
        Assert.That(await chamber.GetSetpointAsync(), Is.EqualTo(233.15).Within(1e-9));
        session.AssertComplete();
    }

    [Test]
    public void An_NA_answer_raises_the_controllers_error_with_the_command()
    {
        var session = new TranscriptSession(("TEMP, S300.0\r", "NA:DATA OUT OF RANGE"));

        var error = Assert.ThrowsAsync<EspecControllerException>(() => new EspecP300(session).SetSetpointAsync(573.15));

        Assert.That(error!.Error, Is.EqualTo("DATA OUT OF RANGE"));
        Assert.That(error.Command, Is.EqualTo("TEMP, S300.0"));
        Assert.That(error.Message, Does.Contain("value outside the valid range"));
    }

    [Test]
    public void A_garbled_temperature_is_a_protocol_error()
    {
        var session = new TranscriptSession(("MON PTC?\r", "\u00ff\u00fe,,"));

        Assert.ThrowsAsync<VisaProtocolException>(() => new EspecP300(session).MeasureDutTemperatureAsync());
    }

    [Test]
    public async Task Safe_state_ramps_to_25_degrees_at_two_kelvin_per_minute()
    {
        var session = new TranscriptSession(
            ("MON PTC?\r", "70.0,71.0,CONSTANT,0"),
            ("RUN PRGM, TEMP71.0 GOTEMP25.0 TIME0:23\r", "OK:RUN PRGM,TEMP71.0 GOTEMP25.0 TIME0:23"));

        await new EspecP300(session).SafeStateAsync();

        session.AssertComplete();
    }
}
