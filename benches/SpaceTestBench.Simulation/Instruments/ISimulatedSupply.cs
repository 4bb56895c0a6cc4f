namespace SpaceTestBench.Simulation.Instruments;

/// <summary>A simulated supply or source-measure unit: its outputs, for the faults that act on what they read.</summary>
public interface ISimulatedSupply
{
    /// <summary>Every output of the instrument, in channel order.</summary>
    IReadOnlyList<SimulatedSupplyChannel> Outputs { get; }
}
