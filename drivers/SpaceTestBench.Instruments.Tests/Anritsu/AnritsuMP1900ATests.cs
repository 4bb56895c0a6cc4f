using SpaceTestBench.Instruments.Anritsu;
using SpaceTestBench.Visa;

namespace SpaceTestBench.Instruments.Tests.Anritsu;

public sealed class AnritsuMP1900ATests
{
    private const string NoError = "0,\"No error\"";

    [Test]
    public async Task A_PRBS_pattern_goes_to_both_generator_and_detector()
    {
        var session = new TranscriptSession(
            (":SOUR:PATT:TYPE PRBS;:SOUR:PATT:PRBS:LENG 31;:SYST:ERR?", NoError),
            (":SENS:PATT:TYPE PRBS;:SENS:PATT:PRBS:LENG 31;:SYST:ERR?", NoError));

        await new AnritsuMP1900A(session).SetPrbsPatternAsync(31);

        session.AssertComplete();
    }

    [Test]
    public void A_pattern_the_tester_cannot_generate_is_refused_before_anything_is_sent()
    {
        var session = new TranscriptSession();

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new AnritsuMP1900A(session).SetPrbsPatternAsync(13));
        Assert.That(session.Sent, Is.Empty);
    }

    [Test]
    public async Task A_timed_measurement_writes_its_gating_period_as_days_hours_minutes_seconds()
    {
        var session = new TranscriptSession(
            (":SENS:MEAS:EAL:MODE SING;:SENS:MEAS:EAL:PER 1,2,3,4;:SYST:ERR?", NoError),
            (":SENS:MEAS:STAR;:SYST:ERR?", NoError),
            (":SENS:MEAS:EAL:MODE UNT;:SYST:ERR?", NoError),
            (":SENS:MEAS:STAR;:SYST:ERR?", NoError),
            (":SENS:MEAS:EAL:STAT?;:SYST:ERR?", "1;" + NoError),
            (":SENS:MEAS:STOP;:SYST:ERR?", NoError));
        var bert = new AnritsuMP1900A(session);

        await bert.StartAsync(new TimeSpan(1, 2, 3, 4));
        await bert.StartAsync(null);
        var measuring = await bert.IsMeasuringAsync();
        await bert.StopAsync();

        Assert.That(measuring, Is.True);
        session.AssertComplete();
    }

    [Test]
    public async Task Results_are_quoted_strings_and_dashes_mean_nothing_to_report()
    {
        var session = new TranscriptSession(
            (":CALC:DATA:EAL? \"CURRent:EC:TOTal\";:SYST:ERR?", "\"1234\";" + NoError),
            (":CALC:DATA:EAL? \"CURRent:CC:TOTal\";:SYST:ERR?", "\"10000000000\";" + NoError),
            (":CALC:DATA:EAL? \"CURRent:ER:TOTal\";:SYST:ERR?", "\"1.2340E-07\";" + NoError),
            (":CALC:DATA:EAL? \"CURRent:EC:TOTal\";:SYST:ERR?", "\"-------\";" + NoError),
            (":CALC:DATA:EAL? \"CURRent:CC:TOTal\";:SYST:ERR?", "\"-------\";" + NoError),
            (":CALC:DATA:EAL? \"CURRent:ER:TOTal\";:SYST:ERR?", "\"-------\";" + NoError));
        var bert = new AnritsuMP1900A(session);

        var counted = await bert.ReadResultAsync();
        var empty = await bert.ReadResultAsync();

        Assert.That(counted.Errors, Is.EqualTo(1234));
        Assert.That(counted.Bits, Is.EqualTo(1e10));
        Assert.That(counted.BitErrorRatio, Is.EqualTo(1.234e-7));
        Assert.That(empty, Is.EqualTo(new Roles.BitErrorResult(null, null, null)));
        session.AssertComplete();
    }

    [Test]
    public void A_result_that_is_neither_a_number_nor_dashes_is_a_protocol_error()
    {
        var session = new TranscriptSession((":CALC:DATA:EAL? \"CURRent:EC:TOTal\";:SYST:ERR?", "\"n/a\";" + NoError));

        var error = Assert.ThrowsAsync<VisaProtocolException>(() => new AnritsuMP1900A(session).ReadResultAsync());

        Assert.That(error!.Message, Does.Contain("CURRent:EC:TOTal").And.Contain("n/a"));
    }
}
