namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// The physics of the device under test as the simulators see it, built from its DUT profile: what each
/// supply rail draws. (Later capabilities add its radiation, thermal and optical responses.)
/// </summary>
/// <param name="Name">The DUT's name, for logs.</param>
/// <param name="SupplyLoads">The load on each named supply rail.</param>
public sealed record SimulatedDut(string Name, IReadOnlyDictionary<string, IElectricalLoad> SupplyLoads);
