namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// Total-ionizing-dose response of a MOS device. Two trapped-charge populations, in rad(Si)-equivalents:
/// oxide-trapped charge D_ot builds with dose and anneals (dD_ot/dt = b·Ḋ − D_ot/τ(T)); interface traps
/// D_it build promptly (fraction f) and from annealing oxide charge (rebound fraction r), and do not anneal
/// (dD_it/dt = f·b·Ḋ + r·D_ot/τ(T)). τ(T) follows Arrhenius from its reference temperature. The threshold of
/// an n-MOS monitor shifts by ΔV = k_it·D_it − k_ot·D_ot; field-oxide charge opens leakage paths,
/// ΔI = I_s·(exp(D_ot/D_s) − 1) on the leakage rail. b is the damage factor of the bias the part sits at
/// (<see cref="DamageFactorAt"/>): 1 at the leakage rail's nominal voltage, the unbiased factor with the rail at
/// 0 V, and more than 1 above nominal, because the fraction of the holes that escape recombination (the charge
/// yield) grows with the oxide field: worst-case bias is the maximum rated supply.
/// </summary>
/// <param name="LeakageRail">The rail whose current the leakage adds to.</param>
/// <param name="LeakageCurrentScaleAmperes">I_s, A.</param>
/// <param name="LeakageDoseScaleRad">D_s, rad(Si).</param>
/// <param name="ThresholdVoltage">Pre-irradiation threshold of the on-chip monitor transistor, V.</param>
/// <param name="OxideShiftVoltsPerRad">k_ot: threshold decrease per rad of oxide-trapped charge, V/rad.</param>
/// <param name="InterfaceShiftVoltsPerRad">k_it: threshold increase per rad of interface traps, V/rad.</param>
/// <param name="InterfaceTrapFraction">f: prompt interface-trap build-up per rad absorbed.</param>
/// <param name="ReboundFraction">r: part of the annealed oxide charge that reappears as interface traps.</param>
/// <param name="UnbiasedDamageFactor">b when the device is unbiased (worst case is biased, b = 1).</param>
/// <param name="AnnealTimeConstantSeconds">τ at the reference temperature, s.</param>
/// <param name="AnnealReferenceKelvin">Reference temperature of τ, K.</param>
/// <param name="AnnealActivationEnergyEv">Arrhenius activation energy of the anneal, eV.</param>
/// <param name="FunctionalFailureDoseRad">Total dose at which the device stops working for good, rad(Si).</param>
public sealed record TotalDoseSpec(
    string LeakageRail,
    double LeakageCurrentScaleAmperes,
    double LeakageDoseScaleRad,
    double ThresholdVoltage,
    double OxideShiftVoltsPerRad,
    double InterfaceShiftVoltsPerRad,
    double InterfaceTrapFraction,
    double ReboundFraction,
    double UnbiasedDamageFactor,
    double AnnealTimeConstantSeconds,
    double AnnealReferenceKelvin,
    double AnnealActivationEnergyEv,
    double FunctionalFailureDoseRad)
{
    /// <summary>
    /// Dose above which stored data degrade (e.g. HBM retention): inference results start to disagree with
    /// the golden model. Null: no such onset.
    /// </summary>
    public double? CorruptionOnsetDoseRad { get; init; }

    /// <summary>Probability that an inference is corrupted, per rad above the onset.</summary>
    public double CorruptionProbabilityPerRad { get; init; }

    /// <summary>
    /// V_y: the bias at which the charge yield of the field oxide reaches half its saturation. Co-60 charge yield in
    /// SiO₂ is half its saturation near 0.15 MV/cm (the empirical yield-versus-field curve of Oldham and McGarrity,
    /// domain knowledge [K]); across the ~100 nm field oxide whose trapped charge opens the leakage paths that is
    /// about 1.5 V, the default.
    /// </summary>
    public double ChargeYieldVoltageScale { get; init; } = 1.5;

    /// <summary>
    /// b(V) = u + (1 − u)·Y(V)/Y(V_nom) with the saturating yield Y(V) = V/(V + V_y): the damage factor of the part
    /// biased with <paramref name="volts"/> on the leakage rail whose nominal voltage is <paramref name="nominalVolts"/>.
    /// u (<see cref="UnbiasedDamageFactor"/>) is the yield of the built-in field alone, at 0 V.
    /// </summary>
    public double DamageFactorAt(double volts, double nominalVolts)
    {
        if (volts <= 0 || nominalVolts <= 0)
        {
            return UnbiasedDamageFactor;
        }

        var scale = ChargeYieldVoltageScale;
        var yield = volts / (volts + scale) / (nominalVolts / (nominalVolts + scale));
        return UnbiasedDamageFactor + ((1 - UnbiasedDamageFactor) * yield);
    }

    /// <summary>The anneal time constant at <paramref name="kelvin"/>, s.</summary>
    public double AnnealTimeConstantAt(double kelvin) =>
        AnnealTimeConstantSeconds * Math.Exp(AnnealActivationEnergyEv / Physics.PhysicalConstants.BoltzmannEv * ((1 / kelvin) - (1 / AnnealReferenceKelvin)));
}
