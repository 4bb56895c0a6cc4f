using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation.Dut;

/// <summary>Cross-sections of one effect: in LET for heavy ions, in energy for protons (either may be absent).</summary>
/// <param name="HeavyIon">σ(LET_eff), cm².</param>
/// <param name="Proton">σ(E), cm².</param>
public sealed record SeeCrossSections(WeibullCrossSection? HeavyIon, WeibullCrossSection? Proton);

/// <summary>
/// Single-event response. Each effect is a Poisson process whose rate is σ·φ: for heavy ions
/// σ(LET/cos θ)·φ·cos θ (the cross-section is per unit fluence normal to the die), for protons σ(E)·φ.
/// </summary>
/// <param name="UpsetBits">Bits of memory exposed to upsets (counted, corrected by EDAC).</param>
/// <param name="Upset">Per-bit upset cross-sections.</param>
/// <param name="FunctionalInterrupt">Per-device SEFI cross-sections.</param>
/// <param name="SoftResetRecoveryFraction">Share of SEFIs a soft reset clears; the rest need a power cycle.</param>
/// <param name="DataCorruption">Per-device cross-sections of a silently corrupted inference.</param>
/// <param name="Latchup">The first latch-up path (of the rail the profile names first), or null if immune.</param>
public sealed record SingleEventSpec(
    double UpsetBits,
    SeeCrossSections? Upset,
    SeeCrossSections? FunctionalInterrupt,
    double SoftResetRecoveryFraction,
    SeeCrossSections? DataCorruption,
    LatchupSpec? Latchup)
{
    /// <summary>
    /// Every latch-up path of the part, at most one per rail (a parasitic thyristor between a rail and ground): the
    /// core rail's as well as the I/O rail's. Each latches, holds and burns out on its own rail. Defaults to
    /// <see cref="Latchup"/> alone.
    /// </summary>
    public IReadOnlyList<LatchupSpec> Latchups { get; init; } = Latchup is null ? [] : [Latchup];
}

/// <summary>
/// Single-event latch-up of a parasitic thyristor on one rail. Its threshold LET falls with temperature and
/// supply voltage: L₀(T, V) = L₀,ref·exp(−(T − T_ref)/T_s)·(V_ref/V)^n. Once latched, the path draws
/// (V − V_hold)/R_latch and holds while V &gt; V_hold and that current exceeds I_hold; held longer than
/// the burnout time, it destroys the device.
/// </summary>
/// <param name="Rail">The rail it latches on.</param>
/// <param name="HeavyIon">Weibull σ(LET) at the reference temperature and voltage, per device, cm².</param>
/// <param name="ReferenceKelvin">T_ref, K.</param>
/// <param name="ReferenceVolts">V_ref, V.</param>
/// <param name="ThresholdTemperatureScaleKelvin">T_s, K.</param>
/// <param name="ThresholdVoltageExponent">n.</param>
/// <param name="HoldingVolts">V_hold, V.</param>
/// <param name="HoldingAmperes">I_hold, A.</param>
/// <param name="LatchResistanceOhms">R_latch, Ω.</param>
/// <param name="BurnoutSeconds">Time latched before permanent damage; null: never.</param>
public sealed record LatchupSpec(
    string Rail,
    WeibullCrossSection HeavyIon,
    double ReferenceKelvin,
    double ReferenceVolts,
    double ThresholdTemperatureScaleKelvin,
    double ThresholdVoltageExponent,
    double HoldingVolts,
    double HoldingAmperes,
    double LatchResistanceOhms,
    double? BurnoutSeconds)
{
    /// <summary>The cross-section at junction temperature <paramref name="kelvin"/> and rail voltage <paramref name="volts"/>.</summary>
    public WeibullCrossSection At(double kelvin, double volts) => HeavyIon with
    {
        Threshold = HeavyIon.Threshold
            * Math.Exp(-(kelvin - ReferenceKelvin) / ThresholdTemperatureScaleKelvin)
            * Math.Pow(ReferenceVolts / Math.Max(volts, 1e-3), ThresholdVoltageExponent),
    };
}
