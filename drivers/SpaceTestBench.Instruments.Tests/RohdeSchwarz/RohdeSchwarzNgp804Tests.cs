using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Instruments.RohdeSchwarz;
using SpaceTestBench.Visa;

namespace SpaceTestBench.Instruments.Tests.RohdeSchwarz;

public sealed class RohdeSchwarzNgp804Tests
{
    private const string NoError = "0,\"No error\"";

    [Test]
    public async Task Open_checks_the_model_field()
    {
        var session = new TranscriptSession(("*IDN?", "Rohde&Schwarz,NGP804,101234,2.025"), ("*CLS", null), ("SYST:ERR?", NoError));
        var supply = new RohdeSchwarzNgp804(session);

        await supply.OpenAsync();

        Assert.That(supply.Identity!.Model, Is.EqualTo("NGP804"));
        session.AssertComplete();
    }

    [Test]
    public void Open_refuses_another_NGP_model()
    {
        var session = new TranscriptSession(("*IDN?", "Rohde&Schwarz,NGP822,101234,2.025"));

        Assert.ThrowsAsync<VisaProtocolException>(() => new RohdeSchwarzNgp804(session).OpenAsync());
    }

    [Test]
    public async Task Every_command_selects_its_channel_in_the_same_program_message()
    {
        var session = new TranscriptSession(
            ("INST:NSEL 2;:VOLT 3.3;:SYST:ERR?", NoError),
            ("INST:NSEL 2;:CURR 0.5;:SYST:ERR?", NoError),
            ("INST:NSEL 2;:OUTP:SEL ON;:OUTP:GEN ON;:SYST:ERR?", NoError),
            ("INST:NSEL 2;:MEAS:VOLT?;:SYST:ERR?", "3.2998;" + NoError),
            ("INST:NSEL 2;:MEAS:CURR?;:SYST:ERR?", "0.1234;" + NoError),
            ("INST:NSEL 2;:OUTP:SEL OFF;:SYST:ERR?", NoError));
        var supply = new RohdeSchwarzNgp804(session);

        await supply.SetVoltageAsync(2, 3.3);
        await supply.SetCurrentLimitAsync(2, 0.5);
        await supply.SetOutputAsync(2, true);
        var volts = await supply.MeasureVoltageAsync(2);
        var amperes = await supply.MeasureCurrentAsync(2);
        await supply.SetOutputAsync(2, false);

        Assert.That(volts, Is.EqualTo(3.2998));
        Assert.That(amperes, Is.EqualTo(0.1234));
        session.AssertComplete();
    }

    [Test]
    public async Task The_electronic_fuse_is_the_over_current_protection()
    {
        var session = new TranscriptSession(
            ("INST:NSEL 4;:FUSE ON;:SYST:ERR?", NoError),
            ("INST:NSEL 4;:FUSE:DEL:INIT 0.01;:SYST:ERR?", NoError),
            ("INST:NSEL 4;:VOLT:PROT 5.5;:SYST:ERR?", NoError),
            ("INST:NSEL 4;:VOLT:PROT:TRIP?;:SYST:ERR?", "1;" + NoError),
            ("INST:NSEL 4;:FUSE:TRIP?;:SYST:ERR?", "1;" + NoError),
            ("INST:NSEL 4;:VOLT:PROT:CLE;:FUSE:TRIP:CLE;:SYST:ERR?", NoError));
        var supply = new RohdeSchwarzNgp804(session);

        await supply.SetOverCurrentProtectionAsync(4, true);
        await supply.SetOverCurrentProtectionDelayAsync(4, 0.01);
        await supply.SetOverVoltageProtectionAsync(4, 5.5);
        var tripped = await supply.GetTrippedProtectionAsync(4);
        await supply.ClearProtectionAsync(4);

        Assert.That(tripped, Is.EqualTo(SupplyProtection.OverVoltage | SupplyProtection.OverCurrent));
        session.AssertComplete();
    }

    [Test]
    public async Task Safe_state_opens_the_master_switch()
    {
        var session = new TranscriptSession(("OUTP:GEN OFF;:SYST:ERR?", NoError));

        await new RohdeSchwarzNgp804(session).SafeStateAsync();

        session.AssertComplete();
    }

    [Test]
    public void Channel_five_is_refused_before_anything_is_sent()
    {
        var session = new TranscriptSession();

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new RohdeSchwarzNgp804(session).SetVoltageAsync(5, 1));
        Assert.That(session.Sent, Is.Empty);
    }
}
