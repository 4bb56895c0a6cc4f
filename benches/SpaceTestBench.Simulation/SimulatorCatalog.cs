using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation;

/// <summary>How a simulated instrument is wired on the bench: which role uses which of its channels, for which DUT rail.</summary>
/// <param name="Role">The role name.</param>
/// <param name="Channel">The instrument channel, if it has several.</param>
/// <param name="Rail">The DUT supply rail connected to that channel, if any.</param>
public sealed record SimulatorWiring(string Role, int? Channel, string? Rail);

/// <summary>What every simulator is built with.</summary>
/// <param name="Clock">Bench time.</param>
/// <param name="SerialNumber">The serial number *IDN? reports.</param>
/// <param name="Seed">Seed for its random processes, so runs are reproducible.</param>
/// <param name="Dut">The device under test.</param>
/// <param name="Wiring">Its connections to the DUT.</param>
public sealed record SimulatorContext(TimeProvider Clock, string SerialNumber, int Seed, SimulatedDut Dut, IReadOnlyList<SimulatorWiring> Wiring);

/// <summary>The instrument models the simulation can stand in for.</summary>
public static class SimulatorCatalog
{
    private static readonly Dictionary<string, Func<SimulatorContext, ScpiDevice>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        [KeysightE36312ASimulator.ModelName] = CreateE36312A,
    };

    /// <summary>Model names that have a simulator.</summary>
    public static IEnumerable<string> Models => Factories.Keys;

    /// <summary>Builds a simulator of <paramref name="model"/>, or returns false if there is none.</summary>
    public static bool TryCreate(string model, SimulatorContext context, out ScpiDevice simulator)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Factories.TryGetValue(model, out var factory))
        {
            simulator = factory(context);
            return true;
        }

        simulator = null!;
        return false;
    }

    private static KeysightE36312ASimulator CreateE36312A(SimulatorContext context)
    {
        var supply = new KeysightE36312ASimulator(context.Clock, context.SerialNumber, context.Seed);
        foreach (var wire in context.Wiring)
        {
            if (wire.Rail is { } rail && wire.Channel is { } channel && context.Dut.SupplyLoads.TryGetValue(rail, out var load))
            {
                supply.Channels[channel - 1].Load = load;
            }
        }

        return supply;
    }
}
