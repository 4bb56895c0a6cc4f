using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa.Sessions;

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

    [Test]
    public async Task The_source_moves_are_read_in_one_message_as_times_since_and_nothing_on_record_is_null()
    {
        var session = new TranscriptSession(
            ("SOUR:RAIS?;:SOUR:LOW?;:SYST:ERR?", "+4.20000000E+03;+6.00000000E+02;" + NoError),
            ("SOUR:RAIS?;:SOUR:LOW?;:SYST:ERR?", "+1.50000000E+01;9.91E+37;" + NoError),
            ("SOUR:RAIS?;:SOUR:LOW?;:SYST:ERR?", "9.91E+37;9.91E+37;" + NoError));
        var cell = new FacilityGammaAdapter(session);

        var ended = await cell.ReadSourceMovesAsync();
        var first = await cell.ReadSourceMovesAsync();
        var fresh = await cell.ReadSourceMovesAsync();

        Assert.That(ended, Is.EqualTo(new SourceMoves(TimeSpan.FromSeconds(4200), TimeSpan.FromMinutes(10))));
        Assert.That(first, Is.EqualTo(new SourceMoves(TimeSpan.FromSeconds(15), null)), "raised, never lowered: the first exposure is under way");
        Assert.That(fresh, Is.EqualTo(new SourceMoves(null, null)), "SCPI-99 NaN: no move on record");
        session.AssertComplete();
    }

    [TestCase("+6.00000000E+02")]
    [TestCase("-1.00000000E+00;+6.00000000E+02")]
    [TestCase("UP;+6.00000000E+02")]
    public void A_log_answer_that_is_no_pair_of_times_is_refused_naming_the_query(string answer)
    {
        var session = new TranscriptSession(("SOUR:RAIS?;:SOUR:LOW?;:SYST:ERR?", answer + ";" + NoError));
        var cell = new FacilityGammaAdapter(session);

        var error = Assert.ThrowsAsync<Visa.VisaProtocolException>(() => cell.ReadSourceMovesAsync());

        Assert.That(error!.Message, Does.Contain("SOUR:RAIS?;:SOUR:LOW?"));
    }

    [Test]
    public async Task With_the_request_line_the_source_going_down_requests_service_and_raising_reads_its_event()
    {
        var session = new TranscriptSession(
            ("*IDN?", "SpaceTestBench Facility,GAMMA-ADAPTER,CO60-1,1.0"), ("*CLS", null), ("SYST:ERR?", NoError),
            (":STAT:OPER:ENAB 256;*SRE 128;:SYST:ERR?", NoError),
            ("SOUR:POS UP;:STAT:OPER?;:SYST:ERR?", "256;" + NoError),
            ("SOUR:POS DOWN;:SYST:ERR?", NoError));
        var cell = new FacilityGammaAdapter(new ServiceRequestLineSession(session, new Line()));

        await cell.OpenAsync();
        await cell.SetSourceUpAsync(true);
        await cell.SetSourceUpAsync(false);

        session.AssertComplete();
    }

    private sealed class Line : IServiceRequestLine
    {
        public bool ServiceRequestAsserted { get; set; }
    }
}
