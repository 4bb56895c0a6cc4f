using System.Globalization;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates a heavy-ion/proton beam line behind the facility adapter protocol (docs/facility-adapter.md):
/// species from the facility's cocktail, proton energy, DUT tilt, flux, shutter, fluence with an optional
/// end-of-run target, and the dose the beam deposited. Wire units: MeV, MeV·cm²/mg, µm, degrees,
/// particles·cm⁻²·s⁻¹, particles·cm⁻², rad(Si).
/// </summary>
public sealed class FacilityBeamAdapterSimulator : SimulatedScpiInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Facility beam adapter";

    /// <summary>Flux range of the heavy-ion line, cm⁻²·s⁻¹ (low enough to resolve single events).</summary>
    public const double MaximumIonFlux = 1e6;

    /// <summary>Flux range of the proton line, cm⁻²·s⁻¹.</summary>
    public const double MaximumProtonFlux = 1e10;

    /// <summary>
    /// OPERation bit 8 (SCPI-99 leaves bits 8–12 to the instrument): the beam is off, the shutter closed (by a command, by
    /// the fluence target, by *RST). Its positive transition latches the event, so with <c>:STAT:OPER:ENAB 256</c> and
    /// <c>*SRE 128</c> the adapter requests service the moment the shutter closes (docs/facility-adapter.md).
    /// </summary>
    public const int ShutterClosedBit = 1 << 8;

    private readonly BeamLineModel _beam;

    /// <summary>A simulator acting on <paramref name="facility"/>; <paramref name="irradiatesDut"/> if the DUT is in its beam.</summary>
    public FacilityBeamAdapterSimulator(SimulatedFacility facility, string serialNumber, bool irradiatesDut)
        : base(new InstrumentIdentity("SpaceTestBench Facility", "BEAM-ADAPTER", serialNumber, "1.0"), facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        _beam = facility.AttachBeamLine(irradiatesDut);
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Command("BEAM:SPECies", ctx => World(() =>
            {
                var name = ctx.Parameter(0).Text;
                var species = BeamCatalog.Find(name) ?? throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo($"{name} is not in the cocktail"));
                RequireShutterClosed("change species");
                _beam.Species = species;
                _beam.Flux = Math.Min(_beam.Flux, MaximumFlux);
            }))
            .Query("BEAM:SPECies?", _ => World(() => _beam.Species.Mnemonic))
            .Query("BEAM:SPECies:CATalog?", _ => string.Join(",", BeamCatalog.Species.Select(s => s.Mnemonic)))
            .Command("BEAM:ENERgy", ctx => World(() =>
            {
                if (!_beam.Species.IsProton)
                {
                    throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo("a cocktail ion's energy is fixed; select another ion"));
                }

                RequireShutterClosed("change energy");
                _beam.Species = BeamCatalog.ProtonAt(ctx.Parameter(0).AsNumber(new ScpiNumericRange("MEV", BeamCatalog.MinimumProtonEnergy, BeamCatalog.MaximumProtonEnergy, 200)));
            }))
            .Query("BEAM:ENERgy?", _ => World(() => ScpiFormat.Nr3(_beam.Species.EnergyMeV)))
            .Query("BEAM:LET?", _ => World(() => ScpiFormat.Nr3(_beam.Species.LinearEnergyTransfer)))
            .Query("BEAM:LET:EFFective?", _ => World(() => ScpiFormat.Nr3(_beam.EffectiveLet)))
            .Query("BEAM:RANGe?", _ => World(() => ScpiFormat.Nr3(_beam.Species.RangeMicrometres)))
            .Command("BEAM:TILT", ctx => World(() =>
                _beam.Tilt = ctx.Parameter(0).AsNumber(new ScpiNumericRange("DEG", 0, 80, 0)) * Math.PI / 180))
            .Query("BEAM:TILT?", _ => World(() => ScpiFormat.Nr3(_beam.Tilt * 180 / Math.PI)))
            .Command("BEAM:FLUX", ctx => World(() => _beam.Flux = ctx.Parameter(0).AsNumber(new ScpiNumericRange("", 1, MaximumFlux, 1e3))))
            .Query("BEAM:FLUX?", _ => World(() => ScpiFormat.Nr3(_beam.Flux)))
            .Command("BEAM:SHUTter", ctx => World(() => _beam.ShutterOpen = ctx.Parameter(0).AsChoice("OPEN", "CLOSed") == "OPEN"))
            .Query("BEAM:SHUTter?", _ => World(() => _beam.ShutterOpen ? "OPEN" : "CLOS"))
            .Query("BEAM:FLUence?", _ => World(() => ScpiFormat.Nr3(_beam.Fluence)))
            .Command("BEAM:FLUence:RESet", _ => World(_beam.ResetFluence))
            .Command("BEAM:FLUence:TARGet", ctx => World(() =>
            {
                var target = ctx.Parameter(0).AsNumber(new ScpiNumericRange("", 0, 1e15, 0));
                _beam.FluenceTarget = target > 0 ? target : null;
            }))
            .Query("BEAM:FLUence:TARGet?", _ => World(() => ScpiFormat.Nr3(_beam.FluenceTarget ?? 0)))
            .Query("BEAM:DOSE?", _ => World(() => ScpiFormat.Nr3(_beam.DoseRad)));
    }

    /// <inheritdoc />
    protected override void Reset() => World(() =>
    {
        _beam.ShutterOpen = false;
        _beam.FluenceTarget = null;
        _beam.Tilt = 0;
        _beam.Species = BeamCatalog.Find("XE")!;
        _beam.Flux = 1e3;
    });

    /// <inheritdoc />
    /// <remarks>The line follows the shutter at once, as the facility's beam control asserts it: the beam line closes the
    /// shutter by itself at the fluence target, between messages, so the condition is brought up to date (the world
    /// evaluated to now) when the line is looked at, not only at the next message.</remarks>
    public override bool ServiceRequestAsserted
    {
        get
        {
            WithLock(RefreshConditions);
            return RequestingService;
        }
    }

    /// <inheritdoc />
    protected override void RefreshConditions() => Operation.SetCondition(ShutterClosedBit, !World(() => _beam.ShutterOpen));

    private double MaximumFlux => _beam.Species.IsProton ? MaximumProtonFlux : MaximumIonFlux;

    private void RequireShutterClosed(string what)
    {
        if (_beam.ShutterOpen)
        {
            throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo(string.Create(CultureInfo.InvariantCulture, $"close the shutter to {what}")));
        }
    }
}
