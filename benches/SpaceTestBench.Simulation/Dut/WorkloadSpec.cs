namespace SpaceTestBench.Simulation.Dut;

/// <summary>What the DUT's test agent runs and how long the DUT takes to boot.</summary>
/// <param name="InferencesPerSecond">Inference rate of the AI workload, s⁻¹.</param>
/// <param name="BootSeconds">Time from power-on or reset until the DUT answers its agent, s.</param>
public sealed record WorkloadSpec(double InferencesPerSecond, double BootSeconds)
{
    /// <summary>A DUT profile without a workload section: 100 inferences/s, 1 s boot.</summary>
    public static WorkloadSpec Default { get; } = new(100, 1);
}
