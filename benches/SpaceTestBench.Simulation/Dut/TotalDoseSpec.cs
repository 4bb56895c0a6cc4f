namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// Total-ionizing-dose response of a MOS device. Two trapped-charge populations, in rad(Si)-equivalents:
/// oxide-trapped charge D_ot builds with dose and anneals (dD_ot/dt = b·Ḋ − D_ot/τ(T)); interface traps
/// D_it build promptly (fraction f) and from annealing oxide charge (rebound fraction r), and do not anneal
/// (dD_it/dt = f·b·Ḋ + r·D_ot/τ(T)). τ(T) follows Arrhenius from its reference temperature. The threshold of
/// an n-MOS monitor shifts by ΔV = k_it·D_it − k_ot·D_ot; field-oxide charge opens leakage paths,
/// ΔI = I_s·(exp(D_ot/D_s) − 1) on the leakage rail. b is 1 biased and the unbiased factor otherwise.
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

    /// <summary>The anneal time constant at <paramref name="kelvin"/>, s.</summary>
    public double AnnealTimeConstantAt(double kelvin) =>
        AnnealTimeConstantSeconds * Math.Exp(AnnealActivationEnergyEv / Physics.PhysicalConstants.BoltzmannEv * ((1 / kelvin) - (1 / AnnealReferenceKelvin)));
}
