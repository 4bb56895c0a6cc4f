using SpaceTestBench.Instruments.Facility;

namespace SpaceTestBench.Instruments.Tests.Facility;

public sealed class FacilityGammaAdapterTests
{
    private const string NoError = "0,\"No error\"";

    [Test]
    public async Task Dose_rate_is_written_in_rad_per_hour_and_read_back_in_gray_per_second()
    {
        var session = new TranscriptSession(
            ("DOSE:RATE 36;:SYST:ERR?", NoError),
            ("DOSE:RATE?;:SYST:ERR?", "+3.60000000E+01;" + NoError));
        var cell = new FacilityGammaAdapter(session);

        await cell.SetDoseRateAsync(1e-4);
        var rate = await cell.MeasureDoseRateAsync();

        Assert.That(rate, Is.EqualTo(1e-4).Within(1e-15), "36 rad(Si)/h = 0.36 Gy/h = 1e-4 Gy/s");
        session.AssertComplete();
    }

    [Test]
    public async Task Source_position_dose_and_target_are_pinned()
    {
        var session = new TranscriptSession(
            ("DOSE:TARG 5000;:SYST:ERR?", NoError),
            ("SOUR:POS UP;:SYST:ERR?", NoError),
            ("SOUR:POS?;:SYST:ERR?", "UP;" + NoError),
            ("DOSE?;:DOSE:UNC?;:SYST:ERR?", "+4.99870000E+03;+5.00000000E-02;" + NoError),
            ("DOSE:RES;:SYST:ERR?", NoError),
            ("DOSE:TARG 0;:SYST:ERR?", NoError),
            ("SOUR:POS DOWN;:SYST:ERR?", NoError));
        var cell = new FacilityGammaAdapter(session);

        await cell.SetDoseTargetAsync(50);
        await cell.SetSourceUpAsync(true);
        var up = await cell.IsSourceUpAsync();
        var dose = await cell.MeasureDoseAsync();
        await cell.ResetDoseAsync();
        await cell.SetDoseTargetAsync(null);
        await cell.SafeStateAsync();

        Assert.That(up, Is.True);
        Assert.That(dose.Gray, Is.EqualTo(49.987).Within(1e-9));
        Assert.That(dose.RelativeUncertainty, Is.EqualTo(0.05));
        session.AssertComplete();
    }

    [Test]
    public async Task Source_position_and_dose_are_read_in_one_message()
    {
        var session = new TranscriptSession(
            ("SOUR:POS?;:DOSE?;:DOSE:UNC?;:SYST:ERR?", "UP;+4.99870000E+03;+5.00000000E-02;" + NoError),
            ("SOUR:POS?;:DOSE?;:DOSE:UNC?;:SYST:ERR?", "DOWN;+5.00000000E+03;+5.00000000E-02;" + NoError));
        var cell = new FacilityGammaAdapter(session);

        var (up, dose) = await cell.ReadExposureAsync();
        var (later, final) = await cell.ReadExposureAsync();

        Assert.That((up, later), Is.EqualTo((true, false)));
        Assert.That(dose.Gray, Is.EqualTo(49.987).Within(1e-9));
        Assert.That(dose.RelativeUncertainty, Is.EqualTo(0.05));
        Assert.That(final.Gray, Is.EqualTo(50).Within(1e-9));
        session.AssertComplete();
    }
}
