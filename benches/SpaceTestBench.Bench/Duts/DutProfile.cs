using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Bench.Duts;

/// <summary>
/// A device under test: its identity, its supply rails with the limits it must meet, and the physical
/// model a simulated bench uses for it. On a real bench only the identity and limits are used.
/// </summary>
/// <param name="File">Full path of the profile.</param>
/// <param name="Id">Short id ("rh-soc-1").</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">What the part is and where its numbers come from.</param>
/// <param name="SerialNumber">Serial of the sample on the bench.</param>
/// <param name="Rails">Supply rails by name.</param>
public sealed record DutProfile(
    string File,
    string Id,
    string Name,
    string? Description,
    string? SerialNumber,
    IReadOnlyDictionary<string, SupplyRail> Rails)
{
    /// <summary>The rail named <paramref name="rail"/>, or a configuration error naming the profile.</summary>
    public SupplyRail Rail(string rail) =>
        Rails.TryGetValue(rail, out var found)
            ? found
            : throw new Definitions.BenchConfigurationException(File, "$.supplies", $"the DUT has no supply rail '{rail}'; rails: {string.Join(", ", Rails.Keys)}.");

    /// <summary>The physics of this DUT for the simulators.</summary>
    public SimulatedDut ToSimulation() => new(
        Name,
        Rails.ToDictionary(r => r.Key, r => (IElectricalLoad)r.Value.Load, StringComparer.Ordinal));
}

/// <summary>One supply rail of the DUT.</summary>
/// <param name="Name">Rail name ("core").</param>
/// <param name="NominalVoltage">Nominal supply voltage.</param>
/// <param name="CurrentLimit">Supply current limit the bench programs for protection.</param>
/// <param name="SupplyCurrent">Limits the supply current must meet across the operating range.</param>
/// <param name="Load">Simulation model of the rail's current draw.</param>
public sealed record SupplyRail(
    string Name,
    Quantity NominalVoltage,
    Quantity CurrentLimit,
    Limit SupplyCurrent,
    CmosSupplyLoad Load);
