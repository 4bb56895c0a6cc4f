using System.Globalization;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates a Co-60 irradiation cell behind the facility adapter protocol (docs/facility-adapter.md):
/// the dose rate at the DUT position (the cell moves the table to get it), source up/down, and the
/// ion-chamber dosimeter's accumulated dose with its stated uncertainty, plus a dose target at which the
/// controller lowers the source. Wire units: rad(Si), rad(Si)/h, m.
/// </summary>
public sealed class FacilityGammaAdapterSimulator : SimulatedScpiInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Facility gamma adapter";

    /// <summary>
    /// OPERation bit 8 (SCPI-99 leaves bits 8–12 to the instrument): the source is down, whoever lowered it (the dose
    /// target, a command, *RST). Its positive transition latches the event, so with <c>:STAT:OPER:ENAB 256</c> and
    /// <c>*SRE 128</c> the adapter requests service the moment the source is down (docs/facility-adapter.md).
    /// </summary>
    public const int SourceDownBit = 1 << 8;

    // IEEE 488.2 §11.2 / SCPI-99 vol. 1 §9.1: the OPERation summary is status byte bit 7.
    private const int OperationSummaryBit = 1 << 7;

    private readonly GammaCellModel _cell;

    // The source position as the OPERation condition last had it; the physics lowers the source between messages.
    private volatile bool _downAsReported = true;

    /// <summary>A simulator acting on <paramref name="facility"/>; <paramref name="irradiatesDut"/> if the DUT is in the cell.</summary>
    public FacilityGammaAdapterSimulator(SimulatedFacility facility, string serialNumber, int seed, bool irradiatesDut)
        : base(new InstrumentIdentity("SpaceTestBench Facility", "GAMMA-ADAPTER", serialNumber, "1.0"), facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        _cell = facility.AttachGammaCell(GammaCellSpec.Default, RandomStreams.For(seed, "gamma:dosimeter"), RandomStreams.ReadingNoise(seed, "gamma:dosimeter-readings", facility), irradiatesDut);
        // The controller lowers the source at the dose target by itself: evaluated ahead by the clock, while the lowering can
        // request service and someone listens, so the request comes at the physics' instant with bench time held there.
        facility.WatchServiceRequest(
            armed: () => (Operation.Enable & SourceDownBit) != 0 && (ServiceRequestEnable & OperationSummaryBit) != 0 && Watched,
            arises: _ => !_cell.SourceUp && !_downAsReported,
            deliver: () => WithLock(RefreshConditions));
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Command("SOURce:POSition", ctx => World(() => _cell.MoveSource(ctx.Parameter(0).AsChoice("UP", "DOWN") == "UP", Now)))
            .Query("SOURce:POSition?", _ => World(() => _cell.SourceUp ? "UP" : "DOWN"))
            // The controller's log of the source's moves, as seconds before now (its clock need not be the bench's):
            // SCPI-99 NaN (9.91E37) when it has none on record.
            .Query("SOURce:RAISed?", _ => World(() => ScpiFormat.Nr3(SecondsSince(_cell.RaisedAt))))
            .Query("SOURce:LOWered?", _ => World(() => ScpiFormat.Nr3(SecondsSince(_cell.LoweredAt))))
            .Command("DOSE:RATE", ctx => World(() =>
            {
                var perHour = ctx.Parameter(0).AsNumber(new ScpiNumericRange("RAD/H", 1e-3, 1e7, 360));
                if (!_cell.TrySetRate(perHour / 3600))
                {
                    throw new ScpiErrorException(ScpiError.DataOutOfRange.WithInfo(string.Create(CultureInfo.InvariantCulture,
                        $"{perHour:G4} rad/h needs the table at {_cell.DistanceFor(perHour / 3600):0.###} m, outside {_cell.Spec.MinimumDistanceMetres}-{_cell.Spec.MaximumDistanceMetres} m")));
                }
            }))
            .Query("DOSE:RATE?", _ => World(() => ScpiFormat.Nr3(_cell.ReadRate() * 3600)))
            .Query("DOSE[:ACCumulated]?", _ => World(() => ScpiFormat.Nr3(_cell.ReadDose())))
            .Command("DOSE:RESet", _ => World(_cell.ResetDose))
            .Query("DOSE:UNCertainty?", _ => ScpiFormat.Nr3(2 * Math.Sqrt((_cell.Spec.CalibrationUncertainty * _cell.Spec.CalibrationUncertainty) + (_cell.Spec.ReadingNoise * _cell.Spec.ReadingNoise))))
            .Command("DOSE:TARGet", ctx => World(() =>
            {
                var target = ctx.Parameter(0).AsNumber(new ScpiNumericRange("RAD", 0, 1e8, 0));
                _cell.TargetRad = target > 0 ? target : null;
            }))
            .Query("DOSE:TARGet?", _ => World(() => ScpiFormat.Nr3(_cell.TargetRad ?? 0)))
            .Query("TABLe:DISTance?", _ => World(() => ScpiFormat.Nr3(_cell.Distance)));
    }

    /// <inheritdoc />
    protected override void Reset() => World(() =>
    {
        _cell.MoveSource(false, Now);
        _cell.TargetRad = null;
    });

    /// <inheritdoc />
    /// <remarks>The line follows the source at once, as the cell's controller asserts it: it lowers the source by itself at
    /// the dose target, between messages.</remarks>
    public override bool ServiceRequestAsserted
    {
        get
        {
            WithLock(RefreshConditions);
            return RequestingService;
        }
    }

    /// <inheritdoc />
    protected override void RefreshConditions()
    {
        _downAsReported = !World(() => _cell.SourceUp);
        Operation.SetCondition(SourceDownBit, _downAsReported);
    }

    private DateTimeOffset Now => Facility.Clock.GetUtcNow();

    private double SecondsSince(DateTimeOffset? moment) => moment is { } at ? Math.Max(0, (Now - at).TotalSeconds) : double.NaN;
}
