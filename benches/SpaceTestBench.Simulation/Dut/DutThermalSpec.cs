namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// How the DUT's temperature follows its surroundings: a first-order lag of the case behind the chamber
/// air (slower in vacuum, where convection is gone), self-heating through thermal resistances, and the
/// temperature dependence of its leakage.
/// </summary>
/// <param name="CaseTimeConstantSeconds">τ of the case behind the air at atmospheric pressure, s.</param>
/// <param name="VacuumTimeConstantSeconds">τ in vacuum (conduction and radiation only), s.</param>
/// <param name="CaseToAmbientKelvinPerWatt">θ_ca: case rise above the air per watt dissipated, K/W.</param>
/// <param name="JunctionToCaseKelvinPerWatt">θ_jc: junction rise above the case per watt, K/W.</param>
/// <param name="LeakageDoublingKelvin">Leakage doubles every this many kelvin (subthreshold conduction).</param>
/// <param name="LeakageReferenceKelvin">Temperature at which the rails' leakage figures hold, K.</param>
/// <param name="MaximumJunctionKelvin">Rated maximum junction temperature, K.</param>
public sealed record DutThermalSpec(
    double CaseTimeConstantSeconds,
    double VacuumTimeConstantSeconds,
    double CaseToAmbientKelvinPerWatt,
    double JunctionToCaseKelvinPerWatt,
    double LeakageDoublingKelvin,
    double LeakageReferenceKelvin,
    double MaximumJunctionKelvin);
