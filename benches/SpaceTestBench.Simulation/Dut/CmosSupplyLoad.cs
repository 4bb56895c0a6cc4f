namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// The supply current of a CMOS device on one rail. Above its power-on-reset threshold the device runs:
/// dynamic current scales with the supply (I = C·V·f), leakage grows exponentially with it
/// (drain-induced barrier lowering), so I(V) = I_dyn·V/V_nom + I_leak·exp((V − V_nom)/V_s).
/// Below the threshold only leakage flows; with no supply nothing flows.
/// </summary>
/// <param name="NominalVolts">V_nom, the rail's nominal voltage.</param>
/// <param name="DynamicAmperesAtNominal">I_dyn: switching current at V_nom.</param>
/// <param name="LeakageAmperesAtNominal">I_leak: static leakage at V_nom (at the leakage reference temperature).</param>
/// <param name="LeakageVoltageScale">V_s: voltage for an e-fold increase in leakage.</param>
/// <param name="PowerOnResetVolts">Below this the device is held in reset and does not switch.</param>
public sealed record CmosSupplyLoad(
    double NominalVolts,
    double DynamicAmperesAtNominal,
    double LeakageAmperesAtNominal,
    double LeakageVoltageScale,
    double PowerOnResetVolts) : IElectricalLoad
{
    /// <summary>Decoupling and bulk capacitance on the rail, F, charged by the supply at switch-on (the inrush); 0: none.</summary>
    public double InputCapacitanceFarads { get; init; }

    /// <inheritdoc />
    public double CapacitanceFarads => InputCapacitanceFarads;

    /// <inheritdoc />
    public double CurrentAt(double volts, DateTimeOffset now) => DynamicAt(volts) + LeakageAt(volts);

    /// <summary>The switching current at <paramref name="volts"/> (zero in reset).</summary>
    public double DynamicAt(double volts) => volts >= PowerOnResetVolts ? DynamicAmperesAtNominal * volts / NominalVolts : 0;

    /// <summary>The static leakage at <paramref name="volts"/>.</summary>
    public double LeakageAt(double volts)
    {
        if (volts <= 0)
        {
            return 0;
        }

        var leakage = LeakageAmperesAtNominal * Math.Exp((volts - NominalVolts) / LeakageVoltageScale);
        // Below nominal the exponential still falls smoothly to zero volts: scale it so I(0) = 0.
        return leakage * Math.Min(1, volts / PowerOnResetVolts);
    }
}
