using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Instruments.Tests.Facility;

public sealed class FacilityLinkEmulatorTests
{
    private const string NoError = "0,\"No error\"";

    [Test]
    public async Task Delay_range_Doppler_fading_and_pointing_are_pinned()
    {
        var session = new TranscriptSession(
            ("LINK:DEL 0.1359;:SYST:ERR?", NoError),
            ("LINK:RANG 40741000;:SYST:ERR?", NoError),
            ("LINK:DOPP -5E+09;:SYST:ERR?", NoError),
            ("LINK:DOPP:RATE 20000000;:SYST:ERR?", NoError),
            ("LINK:FAD:CTIM 0.002;SIND 0.2;PROF GAMM;:SYST:ERR?", NoError),
            ("LINK:POIN:JITT 2E-06;BIAS 1E-06;:SYST:ERR?", NoError));
        var emulator = new FacilityLinkEmulator(session);

        await emulator.SetOneWayDelayAsync(0.1359);
        await emulator.SetRangeAsync(40_741_000);
        await emulator.SetDopplerShiftAsync(-5e9);
        await emulator.SetDopplerRateAsync(20e6);
        await emulator.SetFadingAsync(new FadingProfile(FadingKind.GammaGamma, 0.2, 2e-3));
        await emulator.SetPointingErrorAsync(2e-6, 1e-6);

        session.AssertComplete();
    }

    [Test]
    public async Task The_emulation_is_read_back()
    {
        var session = new TranscriptSession(
            ("LINK:DEL?;:SYST:ERR?", "+1.35900000E-01;" + NoError),
            ("LINK:DOPP?;:SYST:ERR?", "+1.00000000E+09;" + NoError),
            ("LINK:FAD:PROF?;:SYST:ERR?", "LOGN;" + NoError),
            ("LINK:FAD:SIND?;:SYST:ERR?", "+1.00000000E-01;" + NoError),
            ("LINK:FAD:CTIM?;:SYST:ERR?", "+5.00000000E-03;" + NoError),
            ("LINK:POIN:JITT?;:SYST:ERR?", "+2.00000000E-06;" + NoError),
            ("LINK:POIN:BIAS?;:SYST:ERR?", "+0.00000000E+00;" + NoError),
            ("LINK:LOSS?;:SYST:ERR?", "+7.40000000E-02;" + NoError));
        var emulator = new FacilityLinkEmulator(session);

        var emulation = await emulator.GetEmulationAsync();
        var loss = await emulator.GetMeanPointingLossAsync();

        Assert.That(emulation, Is.EqualTo(new LinkEmulation(0.1359, 1e9, new FadingProfile(FadingKind.LogNormal, 0.1, 5e-3), 2e-6, 0)));
        Assert.That(loss, Is.EqualTo(0.074));
        session.AssertComplete();
    }

    [Test]
    public async Task The_link_budget_is_set_in_one_message_and_read_back_term_by_term()
    {
        var session = new TranscriptSession(
            ("LINK:WAV 1.55E-06;APER:TRAN 0.1;REC 0.4;:LINK:ATM 3;:SYST:ERR?", NoError),
            ("LINK:BUDG?;:SYST:ERR?", "+1.06140000E+02,+1.18180000E+02,-2.90380000E+02,-1.00000000E-02,-3.00000000E+00,-6.90700000E+01;" + NoError),
            ("LINK:POW:INP?;:SYST:ERR?", "+1.00000000E+00;" + NoError));
        var emulator = new FacilityLinkEmulator(session);

        await emulator.SetLinkBudgetAsync(1550e-9, 0.1, 0.4, 3);
        var budget = await emulator.GetLinkBudgetAsync();
        var input = await emulator.MeasureInputPowerAsync();

        Assert.That(budget, Is.EqualTo(new LinkBudgetTerms(106.14, 118.18, -290.38, -0.01, -3, -69.07)));
        Assert.That(input, Is.EqualTo(1));
        session.AssertComplete();
    }

    [Test]
    public void A_budget_answer_that_is_not_six_numbers_is_a_protocol_error_naming_the_answer()
    {
        var session = new TranscriptSession(("LINK:BUDG?;:SYST:ERR?", "+1.16E+02,+1.28E+02;" + NoError));

        var error = Assert.ThrowsAsync<SpaceTestBench.Visa.VisaProtocolException>(() => new FacilityLinkEmulator(session).GetLinkBudgetAsync());

        Assert.That(error!.Message, Does.Contain("LINK:BUDG?").And.Contain("+1.16E+02,+1.28E+02"));
    }

    [Test]
    public async Task Safe_state_sends_nothing_because_nothing_here_can_do_harm()
    {
        var session = new TranscriptSession();

        await new FacilityLinkEmulator(session).SafeStateAsync();

        Assert.That(session.Sent, Is.Empty);
    }
}
