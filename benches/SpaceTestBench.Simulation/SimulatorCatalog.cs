using SpaceTestBench.Simulation.Instruments;

namespace SpaceTestBench.Simulation;

/// <summary>How a simulated instrument is wired on the bench: which role uses which of its channels, for which DUT rail.</summary>
/// <param name="Role">The role name.</param>
/// <param name="Channel">The instrument channel, if it has several.</param>
/// <param name="Rail">The DUT supply rail connected to that channel, if any.</param>
public sealed record SimulatorWiring(string Role, int? Channel, string? Rail);

/// <summary>What every simulator is built with.</summary>
/// <param name="Facility">The world it acts on (and its clock).</param>
/// <param name="SerialNumber">The serial number *IDN? reports.</param>
/// <param name="Seed">Seed for its own random processes (reading noise), so runs are reproducible.</param>
/// <param name="Wiring">Its connections to the DUT. An instrument that plays a role acts on the DUT; one that plays none stands beside it.</param>
public sealed record SimulatorContext(SimulatedFacility Facility, string SerialNumber, int Seed, IReadOnlyList<SimulatorWiring> Wiring)
{
    /// <summary>True if the instrument plays a role, so its physical part acts on the DUT.</summary>
    public bool ActsOnDut => Wiring.Count > 0;
}

/// <summary>The instrument models the simulation can stand in for.</summary>
public static class SimulatorCatalog
{
    private static readonly Dictionary<string, Func<SimulatorContext, ISimulatedInstrument>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        [KeysightE36312ASimulator.ModelName] = CreateE36312A,
        [RohdeSchwarzNgp804Simulator.ModelName] = CreateNgp804,
        [Keithley2450Simulator.ModelName] = CreateKeithley2450,
        [WatlowF4TSimulator.ModelName] = c => new WatlowF4TSimulator(c.Facility, c.SerialNumber, c.Seed, c.ActsOnDut),
        [EspecP300Simulator.ModelName] = c => new EspecP300Simulator(c.Facility, c.Seed, c.ActsOnDut),
        [KeysightN7764ASimulator.ModelName] = c => new KeysightN7764ASimulator(c.Facility, c.SerialNumber, c.Seed, c.ActsOnDut ? c.Wiring[0].Channel ?? 1 : null),
        [AnritsuMP1900ASimulator.ModelName] = c => new AnritsuMP1900ASimulator(c.Facility, c.SerialNumber, c.ActsOnDut),
        [FacilityBeamAdapterSimulator.ModelName] = c => new FacilityBeamAdapterSimulator(c.Facility, c.SerialNumber, c.ActsOnDut),
        [FacilityGammaAdapterSimulator.ModelName] = c => new FacilityGammaAdapterSimulator(c.Facility, c.SerialNumber, c.Seed, c.ActsOnDut),
        [LinkEmulatorSimulator.ModelName] = c => new LinkEmulatorSimulator(c.Facility, c.SerialNumber, c.Seed, c.ActsOnDut),
        [FacilityShockChamberSimulator.ModelName] = c => new FacilityShockChamberSimulator(c.Facility, c.SerialNumber, c.Seed),
        [DutTestAgentSimulator.ModelName] = c => new DutTestAgentSimulator(c.Facility, c.SerialNumber, c.Seed),
    };

    /// <summary>Model names that have a simulator.</summary>
    public static IEnumerable<string> Models => Factories.Keys;

    /// <summary>Builds a simulator of <paramref name="model"/>, or returns false if there is none.</summary>
    public static bool TryCreate(string model, SimulatorContext context, out ISimulatedInstrument simulator)
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
        var supply = new KeysightE36312ASimulator(context.Facility, context.SerialNumber, context.Seed);
        WireSupply(context, supply.Channels);
        return supply;
    }

    private static RohdeSchwarzNgp804Simulator CreateNgp804(SimulatorContext context)
    {
        var supply = new RohdeSchwarzNgp804Simulator(context.Facility, context.SerialNumber, context.Seed);
        WireSupply(context, supply.Channels);
        return supply;
    }

    private static Keithley2450Simulator CreateKeithley2450(SimulatorContext context)
    {
        var smu = new Keithley2450Simulator(context.Facility, context.SerialNumber, context.Seed);
        WireSupply(context, [smu.Channel]);
        return smu;
    }

    private static void WireSupply(SimulatorContext context, IReadOnlyList<SimulatedSupplyChannel> channels)
    {
        for (var i = 0; i < channels.Count; i++)
        {
            var rail = context.Wiring.FirstOrDefault(w => (w.Channel ?? 1) == i + 1 && w.Rail is not null)?.Rail;
            context.Facility.AttachSupply(channels[i], rail);
        }
    }
}
