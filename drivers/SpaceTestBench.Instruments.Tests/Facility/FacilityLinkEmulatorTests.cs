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
            ("LINK:DEL 0.1359", null), ("SYST:ERR?", NoError),
            ("LINK:RANG 40741000", null), ("SYST:ERR?", NoError),
            ("LINK:DOPP -5E+09", null), ("SYST:ERR?", NoError),
            ("LINK:DOPP:RATE 20000000", null), ("SYST:ERR?", NoError),
            ("LINK:FAD:CTIM 0.002;SIND 0.2;PROF GAMM", null), ("SYST:ERR?", NoError),
            ("LINK:POIN:JITT 2E-06;BIAS 1E-06", null), ("SYST:ERR?", NoError));
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
    public async Task Safe_state_sends_nothing_because_nothing_here_can_do_harm()
    {
        var session = new TranscriptSession();

        await new FacilityLinkEmulator(session).SafeStateAsync();

        Assert.That(session.Sent, Is.Empty);
    }
}
