using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates the facility's optical link emulator behind its adapter protocol (docs/facility-adapter.md):
/// one-way delay (or the range that gives it), Doppler shift, scintillation profile and pointing jitter
/// and bias imposed on the light between the DUT's transmitter and receiver. Wire units: s, m, Hz, rad.
/// </summary>
public sealed class LinkEmulatorSimulator : SimulatedScpiInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Facility link emulator";

    private readonly LinkChannelModel _link;

    /// <summary>A simulator acting on <paramref name="facility"/>; <paramref name="inDutPath"/> if it sits in the DUT's optical path.</summary>
    public LinkEmulatorSimulator(SimulatedFacility facility, string serialNumber, int seed, bool inDutPath)
        : base(new InstrumentIdentity("SpaceTestBench Facility", "LINK-EMULATOR", serialNumber, "1.0"), facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        _link = facility.AttachLinkEmulator(seed, inDutPath);
        _link.SetFading(FadingStatistics.None, 0, 5e-3);
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Command("LINK:DELay", ctx => World(() => _link.DelaySeconds = ctx.Parameter(0).AsNumber(new ScpiNumericRange("S", 0, 1, 0))))
            .Query("LINK:DELay?", _ => World(() => ScpiFormat.Nr3(_link.DelaySeconds)))
            .Command("LINK:RANGe", ctx => World(() =>
                _link.DelaySeconds = ctx.Parameter(0).AsNumber(new ScpiNumericRange("M", 0, PhysicalConstants.SpeedOfLight, 0)) / PhysicalConstants.SpeedOfLight))
            .Query("LINK:RANGe?", _ => World(() => ScpiFormat.Nr3(_link.DelaySeconds * PhysicalConstants.SpeedOfLight)))
            .Command("LINK:DOPPler", ctx => World(() => _link.SetDoppler(ctx.Parameter(0).AsNumber(new ScpiNumericRange("HZ", -20e9, 20e9, 0)), Facility.Elapsed)))
            .Query("LINK:DOPPler?", _ => World(() => ScpiFormat.Nr3(_link.DopplerAt(Facility.Elapsed))))
            .Command("LINK:DOPPler:RATE", ctx => World(() => _link.SetDopplerRate(ctx.Parameter(0).AsNumber(new ScpiNumericRange("HZ/S", -1e9, 1e9, 0)), Facility.Elapsed)))
            .Query("LINK:DOPPler:RATE?", _ => World(() => ScpiFormat.Nr3(_link.DopplerRateHertzPerSecond)))
            .Command("LINK:FADing:PROFile", ctx => World(() =>
            {
                var kind = ctx.Parameter(0).AsChoice("NONE", "LOGNormal", "GAMMagamma") switch
                {
                    "LOGNORMAL" => FadingStatistics.LogNormal,
                    "GAMMAGAMMA" => FadingStatistics.GammaGamma,
                    _ => FadingStatistics.None,
                };
                _link.SetFading(kind, _link.ScintillationIndex, _link.CorrelationSeconds);
            }))
            .Query("LINK:FADing:PROFile?", _ => World(() => _link.Fading switch
            {
                FadingStatistics.LogNormal => "LOGN",
                FadingStatistics.GammaGamma => "GAMM",
                _ => "NONE",
            }))
            .Command("LINK:FADing:SINDex", ctx => World(() =>
                _link.SetFading(_link.Fading, ctx.Parameter(0).AsNumber(new ScpiNumericRange("", 0, 4, 0)), _link.CorrelationSeconds)))
            .Query("LINK:FADing:SINDex?", _ => World(() => ScpiFormat.Nr3(_link.ScintillationIndex)))
            .Command("LINK:FADing:CTIMe", ctx => World(() =>
                _link.SetFading(_link.Fading, _link.ScintillationIndex, ctx.Parameter(0).AsNumber(new ScpiNumericRange("S", 1e-4, 1, 5e-3)))))
            .Query("LINK:FADing:CTIMe?", _ => World(() => ScpiFormat.Nr3(_link.CorrelationSeconds)))
            .Command("LINK:POINting:JITTer", ctx => World(() => _link.SetJitter(ctx.Parameter(0).AsNumber(new ScpiNumericRange("RAD", 0, 1e-3, 0)))))
            .Query("LINK:POINting:JITTer?", _ => World(() => ScpiFormat.Nr3(_link.JitterRadians)))
            .Command("LINK:POINting:BIAS", ctx => World(() => _link.BiasRadians = ctx.Parameter(0).AsNumber(new ScpiNumericRange("RAD", 0, 1e-3, 0))))
            .Query("LINK:POINting:BIAS?", _ => World(() => ScpiFormat.Nr3(_link.BiasRadians)))
            .Query("LINK:LOSS?", _ => World(() =>
            {
                var divergence = Facility.DutSpecification.OpticalTerminal?.BeamDivergenceRadians
                    ?? throw new ScpiErrorException(new ScpiError(Dut.DutModel.NoTerminalError, "DUT has no optical terminal"));
                return ScpiFormat.Nr3(-10 * Math.Log10(_link.MeanTransmission(divergence)));
            }));
    }

    /// <inheritdoc />
    protected override void Reset() => World(() =>
    {
        _link.DelaySeconds = 0;
        _link.RestoreDoppler(0, 0, 0);
        _link.BiasRadians = 0;
        _link.SetJitter(0);
        _link.SetFading(FadingStatistics.None, 0, 5e-3);
    });
}
