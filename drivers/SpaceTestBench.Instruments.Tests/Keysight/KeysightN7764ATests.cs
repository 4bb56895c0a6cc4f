using SpaceTestBench.Instruments.Keysight;

namespace SpaceTestBench.Instruments.Tests.Keysight;

public sealed class KeysightN7764ATests
{
    private const string NoError = "+0,\"No error\"";

    [Test]
    public async Task Open_sets_every_channels_meter_to_dBm()
    {
        var session = new TranscriptSession(
            ("*IDN?", "Keysight Technologies,N7764A,DE60400123,V1.32"), ("*CLS", null), ("SYST:ERR?", NoError),
            (":OUTP1:POW:UN DBM;:SYST:ERR?", NoError),
            (":OUTP2:POW:UN DBM;:SYST:ERR?", NoError),
            (":OUTP3:POW:UN DBM;:SYST:ERR?", NoError),
            (":OUTP4:POW:UN DBM;:SYST:ERR?", NoError));

        await new KeysightN7764A(session).OpenAsync();

        session.AssertComplete();
    }

    [Test]
    public async Task Attenuation_wavelength_and_shutter_address_the_channel_by_suffix()
    {
        var session = new TranscriptSession(
            (":INP3:ATT 12.5DB;:SYST:ERR?", NoError),
            (":INP3:ATT?;:SYST:ERR?", "+1.25000000E+01;" + NoError),
            (":INP3:WAV 1550NM;:SYST:ERR?", NoError),
            (":OUTP3:STAT ON;:SYST:ERR?", NoError));
        var voa = new KeysightN7764A(session);

        await voa.SetAttenuationAsync(3, 12.5);
        var attenuation = await voa.GetAttenuationAsync(3);
        await voa.SetWavelengthAsync(3, 1550e-9);
        await voa.SetShutterOpenAsync(3, true);

        Assert.That(attenuation, Is.EqualTo(12.5));
        session.AssertComplete();
    }

    [Test]
    public async Task Power_control_holds_an_output_power_written_in_dBm()
    {
        var session = new TranscriptSession(
            (":OUTP1:POW -35DBM;:SYST:ERR?", NoError),
            (":OUTP1:POW:CONTR ON;:SYST:ERR?", NoError),
            (":OUTP1:POW:CONTR OFF;:SYST:ERR?", NoError));
        var voa = new KeysightN7764A(session);

        await voa.SetOutputPowerAsync(1, 1e-3 * Math.Pow(10, -3.5));
        await voa.SetOutputPowerAsync(1, null);

        session.AssertComplete();
    }

    [Test]
    public async Task The_meter_reading_in_dBm_is_returned_in_watts()
    {
        var session = new TranscriptSession((":READ1:POW?;:SYST:ERR?", "-3.00000000E+01;" + NoError));

        var watts = await new KeysightN7764A(session).MeasureOutputPowerAsync(1);

        Assert.That(watts, Is.EqualTo(1e-6).Within(1e-15));
    }

    [Test]
    public async Task Safe_state_closes_every_shutter()
    {
        var session = new TranscriptSession(
            (":OUTP1:STAT OFF;:SYST:ERR?", NoError), (":OUTP2:STAT OFF;:SYST:ERR?", NoError),
            (":OUTP3:STAT OFF;:SYST:ERR?", NoError), (":OUTP4:STAT OFF;:SYST:ERR?", NoError));

        await new KeysightN7764A(session).SafeStateAsync();

        session.AssertComplete();
    }
}
