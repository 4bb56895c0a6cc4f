using SpaceTestBench.Instruments.Keysight;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Instruments.Tests.Keysight;

public sealed class KeysightE36312ATests
{
    private const string NoError = "+0,\"No error\"";

    [Test]
    public async Task Open_identifies_the_model_and_clears_status()
    {
        var session = new TranscriptSession(
            ("*IDN?", "Keysight Technologies,E36312A,MY61000101,2.1.0-1.0.4-1.12"),
            ("*CLS", null),
            ("SYST:ERR?", NoError));
        var supply = new KeysightE36312A(session);

        await supply.OpenAsync();

        session.AssertComplete();
        Assert.That(supply.Identity!.SerialNumber, Is.EqualTo("MY61000101"));
    }

    [Test]
    public void Open_refuses_an_instrument_of_another_model()
    {
        var session = new TranscriptSession(("*IDN?", "Rohde&Schwarz,NGP814,101234,2.025"));
        var supply = new KeysightE36312A(session);

        var error = Assert.ThrowsAsync<VisaProtocolException>(() => supply.OpenAsync());

        Assert.That(error!.Message, Does.Contain("expected a Keysight E36312A").And.Contain("NGP814"));
    }

    [Test]
    public async Task Setting_voltage_addresses_the_channel_with_a_channel_list_and_checks_errors()
    {
        var session = new TranscriptSession(("VOLT 1.71,(@2);:SYST:ERR?", NoError));

        await new KeysightE36312A(session).SetVoltageAsync(2, 1.71);

        session.AssertComplete();
    }

    [Test]
    public async Task Current_limit_and_output_commands_are_pinned()
    {
        var session = new TranscriptSession(
            ("CURR 0.5,(@1);:SYST:ERR?", NoError),
            ("OUTP ON,(@1);:SYST:ERR?", NoError),
            ("OUTP OFF,(@3);:SYST:ERR?", NoError));
        var supply = new KeysightE36312A(session);

        await supply.SetCurrentLimitAsync(1, 0.5);
        await supply.SetOutputAsync(1, true);
        await supply.SetOutputAsync(3, false);

        session.AssertComplete();
    }

    [Test]
    public async Task Measurements_parse_nr3_responses()
    {
        var session = new TranscriptSession(
            ("MEAS:VOLT? (@1);:SYST:ERR?", "+1.80012000E+00;" + NoError),
            ("MEAS:CURR? (@1);:SYST:ERR?", "+3.00125000E-01;" + NoError));
        var supply = new KeysightE36312A(session);

        Assert.That(await supply.MeasureVoltageAsync(1), Is.EqualTo(1.80012));
        Assert.That(await supply.MeasureCurrentAsync(1), Is.EqualTo(0.300125));
    }

    [Test]
    public void An_instrument_error_after_a_command_raises_it_with_code_text_and_command()
    {
        var session = new TranscriptSession(
            ("VOLT 7,(@1);:SYST:ERR?", "-222,\"Data out of range\""),
            ("SYST:ERR?", NoError));

        var error = Assert.ThrowsAsync<ScpiInstrumentException>(() => new KeysightE36312A(session).SetVoltageAsync(1, 7));

        Assert.That(error!.Code, Is.EqualTo(-222));
        Assert.That(error.Text, Is.EqualTo("Data out of range"));
        Assert.That(error.Command, Is.EqualTo("VOLT 7,(@1)"));
        session.AssertComplete();
    }

    [Test]
    public void A_garbage_measurement_is_a_protocol_error_not_a_number()
    {
        var session = new TranscriptSession(("MEAS:CURR? (@1);:SYST:ERR?", "\u0001\u00ffgarbage;" + NoError));

        var error = Assert.ThrowsAsync<VisaProtocolException>(() => new KeysightE36312A(session).MeasureCurrentAsync(1));

        Assert.That(error!.Message, Does.Contain("expected a number"));
    }

    [Test]
    public async Task Protection_commands_and_trip_queries_are_pinned()
    {
        var session = new TranscriptSession(
            ("VOLT:PROT 1.98,(@1);:SYST:ERR?", NoError),
            ("CURR:PROT:STAT ON,(@1);:SYST:ERR?", NoError),
            ("CURR:PROT:DEL 0.005,(@1);:SYST:ERR?", NoError),
            ("VOLT:PROT:TRIP? (@1);:SYST:ERR?", "0;" + NoError),
            ("CURR:PROT:TRIP? (@1);:SYST:ERR?", "1;" + NoError),
            ("OUTP:PROT:CLE (@1);:SYST:ERR?", NoError),
            ("OUTP? (@1);:SYST:ERR?", "0;" + NoError));
        var supply = new KeysightE36312A(session);

        await supply.SetOverVoltageProtectionAsync(1, 1.98);
        await supply.SetOverCurrentProtectionAsync(1, true);
        await supply.SetOverCurrentProtectionDelayAsync(1, 0.005);
        var tripped = await supply.GetTrippedProtectionAsync(1);
        await supply.ClearProtectionAsync(1);
        var on = await supply.IsOutputOnAsync(1);

        Assert.That(tripped, Is.EqualTo(Roles.SupplyProtection.OverCurrent));
        Assert.That(on, Is.False);
        session.AssertComplete();
    }

    [Test]
    public void A_boolean_query_answered_with_something_else_is_a_protocol_error()
    {
        var session = new TranscriptSession(("OUTP? (@2);:SYST:ERR?", "maybe;" + NoError));

        var error = Assert.ThrowsAsync<VisaProtocolException>(() => new KeysightE36312A(session).IsOutputOnAsync(2));

        Assert.That(error!.Message, Does.Contain("expected 0 or 1").And.Contain("maybe"));
    }

    [Test]
    public async Task Safe_state_switches_every_output_off()
    {
        var session = new TranscriptSession(("OUTP OFF,(@1:3);:SYST:ERR?", NoError));

        await new KeysightE36312A(session).SafeStateAsync();

        session.AssertComplete();
    }

    [Test]
    public void Channels_outside_the_model_are_refused_before_anything_is_sent()
    {
        var session = new TranscriptSession();

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new KeysightE36312A(session).SetVoltageAsync(4, 1.0));
        Assert.That(session.Sent, Is.Empty);
    }
}
