using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates the facility's optical link emulator behind its adapter protocol (docs/facility-adapter.md):
/// one-way delay (or the range that gives it), Doppler shift, scintillation profile and pointing jitter
/// and bias imposed on the light between the DUT's transmitter and receiver, and, once both telescopes'
/// apertures are set, the link budget of the range (gains, free-space loss, atmosphere). Wire units: s, m,
/// Hz, rad, W, dB.
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
            .Query("LINK:LOSS?", _ => World(() => ScpiFormat.Nr3(-10 * Math.Log10(_link.PointingTransmission(Divergence())))))
            .Command("LINK:WAVelength", ctx => World(() => _link.WavelengthMetres = ctx.Parameter(0).AsNumber(new ScpiNumericRange("M", 400e-9, 2e-6, 1550e-9))))
            .Query("LINK:WAVelength?", _ => World(() => ScpiFormat.Nr3(_link.WavelengthMetres)))
            .Command("LINK:APERture:TRANsmit", ctx => World(() => _link.TransmitApertureMetres = ctx.Parameter(0).AsNumber(new ScpiNumericRange("M", 0, 10, 0))))
            .Query("LINK:APERture:TRANsmit?", _ => World(() => ScpiFormat.Nr3(_link.TransmitApertureMetres)))
            .Command("LINK:APERture:RECeive", ctx => World(() => _link.ReceiveApertureMetres = ctx.Parameter(0).AsNumber(new ScpiNumericRange("M", 0, 10, 0))))
            .Query("LINK:APERture:RECeive?", _ => World(() => ScpiFormat.Nr3(_link.ReceiveApertureMetres)))
            .Command("LINK:ATMosphere", ctx => World(() => _link.AtmosphericLossDecibels = 0 - Math.Abs(ctx.Parameter(0).AsNumber(new ScpiNumericRange("DB", -60, 60, 0)))))
            .Query("LINK:ATMosphere?", _ => World(() => ScpiFormat.Nr3(-_link.AtmosphericLossDecibels)))
            // The budget's terms in dB, as a budget table lists them: transmit gain, receive gain, free-space loss,
            // mean pointing loss, atmospheric loss, and their sum (received over transmitted power). Without both
            // apertures there is no budget: an error, not zeros that would read as a lossless path.
            .Query("LINK:BUDGet?", _ => World(() =>
            {
                if (!_link.BudgetApplies)
                {
                    throw new ScpiErrorException(new ScpiError(-221, "Settings conflict;no link budget: set LINK:APER:TRAN and LINK:APER:REC"));
                }

                var budget = _link.Budget(Divergence());
                return string.Join(",", new[] { budget.TransmitGainDecibels, budget.ReceiveGainDecibels, budget.FreeSpaceLossDecibels, budget.PointingLossDecibels, budget.AtmosphericLossDecibels, budget.TotalDecibels }
                    .Select(ScpiFormat.Nr3));
            }))
            // The power arriving from the DUT's transmitter at the emulator's input tap, W: the budget's Pt as measured.
            .Query("LINK:POWer:INPut?", _ => World(() => ScpiFormat.Nr3(Facility.TransmittedWatts)));
    }

    private double Divergence() => Facility.DutSpecification.OpticalTerminal?.BeamDivergenceRadians
        ?? throw new ScpiErrorException(new ScpiError(Dut.DutModel.NoTerminalError, "DUT has no optical terminal"));

    /// <inheritdoc />
    protected override void Reset() => World(() =>
    {
        _link.WavelengthMetres = 1550e-9;
        _link.TransmitApertureMetres = 0;
        _link.ReceiveApertureMetres = 0;
        _link.AtmosphericLossDecibels = 0;
        _link.DelaySeconds = 0;
        _link.RestoreDoppler(0, 0, 0);
        _link.BiasRadians = 0;
        _link.SetJitter(0);
        _link.SetFading(FadingStatistics.None, 0, 5e-3);
    });
}
