using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Bench.Duts;

/// <summary>
/// A device under test: its identity, its supply rails with the limits it must meet, its physical
/// characteristics (thermal, total dose, single events, workload, optical terminal) and the limits that go
/// with them. The simulators use the characteristics as their DUT model; on a real bench they document the
/// part and feed the steps that need them (a data rate, a rail's maximum voltage); the limits always apply.
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
    /// <summary>The part's physical characteristics, in the simulation's working units (see <see cref="SimulatedDut"/>).</summary>
    public SimulatedDut? Physics { get; init; }

    /// <summary>Post-irradiation parametric limits (PIPL) from the total-dose section; null if it gives none.</summary>
    public DoseLimits? DoseLimits { get; init; }

    /// <summary>The single-event limits (the SEFI cross-section) from the single-event section; null if it gives none.</summary>
    public SingleEventLimits? SingleEventLimits { get; init; }

    /// <summary>The test article's identity (part number, lot, date code, package, lid, control samples); null if the profile gives none.</summary>
    public Results.Provenance.TestArticleInfo? TestArticle { get; init; }

    /// <summary>The rail named <paramref name="rail"/>, or a configuration error naming the profile.</summary>
    public SupplyRail Rail(string rail) =>
        Rails.TryGetValue(rail, out var found)
            ? found
            : throw new Definitions.BenchConfigurationException(File, "$.supplies", $"the DUT has no supply rail '{rail}'; rails: {string.Join(", ", Rails.Keys)}.");

    /// <summary>The physics of this DUT for the simulators.</summary>
    public SimulatedDut ToSimulation() => Physics ?? new SimulatedDut(
        Name, Rails.ToDictionary(r => r.Key, r => r.Value.Load, StringComparer.Ordinal))
    {
        Id = Id,
        SerialNumber = SerialNumber ?? "",
    };
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
    CmosSupplyLoad Load)
{
    /// <summary>
    /// Where <see cref="SupplyCurrent"/> comes from (the datasheet's table and parameter, a procurement
    /// specification), as the profile states it in <c>supplyCurrent.source</c>: shown beside the limit in the report.
    /// </summary>
    public string SupplyCurrentSource { get; init; } = "";

    /// <summary>The DUT's own over-current protection on this rail, as its datasheet states it; null: the profile gives none.</summary>
    public RailProtection? Protection { get; init; }

    /// <summary>Highest rated operating voltage (for SEL tests at maximum supply), if the profile gives it.</summary>
    public Quantity? MaximumVoltage { get; init; }
}

/// <summary>Post-irradiation parametric limits.</summary>
/// <param name="LeakageIncrease">Largest allowed rise of the leakage rail's current over its pre-irradiation value.</param>
/// <param name="ThresholdShift">Largest allowed threshold-voltage shift, either sign.</param>
/// <param name="Source">
/// Where the limits come from (the detail specification's PIPL table, the datasheet's post-irradiation
/// characteristics), as the profile states it in <c>totalIonizingDose.limits.source</c>: shown beside each limit in the report.
/// </param>
public sealed record DoseLimits(Quantity? LeakageIncrease, Quantity? ThresholdShift, string Source);

/// <summary>Single-event limits the part must meet.</summary>
/// <param name="FunctionalInterruptCrossSection">Largest allowed functional interrupt (SEFI) cross-section under heavy ions, at every LET tested.</param>
/// <param name="ProtonFunctionalInterruptCrossSection">Largest allowed SEFI cross-section under protons, at every energy tested.</param>
/// <param name="Source">
/// Where the limits come from (the datasheet's radiation characteristics, a procurement specification), as the profile states
/// it in <c>singleEventEffects.limits.source</c>: shown beside each limit in the report.
/// </param>
public sealed record SingleEventLimits(Quantity? FunctionalInterruptCrossSection, Quantity? ProtonFunctionalInterruptCrossSection, string Source);
