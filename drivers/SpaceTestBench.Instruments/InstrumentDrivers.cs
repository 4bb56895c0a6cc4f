using SpaceTestBench.Instruments.Anritsu;
using SpaceTestBench.Instruments.Espec;
using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Keithley;
using SpaceTestBench.Instruments.Keysight;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Instruments.RohdeSchwarz;
using SpaceTestBench.Instruments.Watlow;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments;

/// <summary>A driver a bench file can name: its model, the roles it can fill, and how to make one on a session.</summary>
/// <param name="Model">The model name as bench files write it.</param>
/// <param name="Roles">Role interfaces the driver implements.</param>
/// <param name="Create">Makes a driver over an open session.</param>
public sealed record InstrumentDriver(string Model, IReadOnlyList<Type> Roles, Func<IMessageBasedSession, IInstrument> Create)
{
    /// <summary>Whether the driver implements <paramref name="capability"/> (a role interface, or one it extends).</summary>
    public bool Implements(Type capability) => Roles.Any(capability.IsAssignableFrom);
}

/// <summary>The catalogue of drivers, by model name (case-insensitive).</summary>
public static class InstrumentDrivers
{
    private static readonly Dictionary<string, InstrumentDriver> Drivers = new[]
    {
        Driver<KeysightE36312A>(KeysightE36312A.ModelName, s => new KeysightE36312A(s)),
        Driver<RohdeSchwarzNgp804>(RohdeSchwarzNgp804.ModelName, s => new RohdeSchwarzNgp804(s)),
        Driver<Keithley2450>(Keithley2450.ModelName, s => new Keithley2450(s)),
        Driver<WatlowF4T>(WatlowF4T.ModelName, s => new WatlowF4T(s)),
        Driver<EspecP300>(EspecP300.ModelName, s => new EspecP300(s)),
        Driver<KeysightN7764A>(KeysightN7764A.ModelName, s => new KeysightN7764A(s)),
        Driver<AnritsuMP1900A>(AnritsuMP1900A.ModelName, s => new AnritsuMP1900A(s)),
        Driver<FacilityBeamAdapter>(FacilityBeamAdapter.ModelName, s => new FacilityBeamAdapter(s)),
        Driver<FacilityGammaAdapter>(FacilityGammaAdapter.ModelName, s => new FacilityGammaAdapter(s)),
        Driver<FacilityLinkEmulator>(FacilityLinkEmulator.ModelName, s => new FacilityLinkEmulator(s)),
        Driver<FacilityShockChamber>(FacilityShockChamber.ModelName, s => new FacilityShockChamber(s)),
        Driver<DutTestAgent>(DutTestAgent.ModelName, s => new DutTestAgent(s)),
    }.ToDictionary(d => d.Model, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known driver.</summary>
    public static IEnumerable<InstrumentDriver> All => Drivers.Values;

    /// <summary>Finds the driver for <paramref name="model"/>.</summary>
    public static bool TryGet(string model, out InstrumentDriver driver) => Drivers.TryGetValue(model, out driver!);

    private static InstrumentDriver Driver<T>(string model, Func<IMessageBasedSession, T> create)
        where T : IInstrument =>
        new(model, [.. typeof(T).GetInterfaces().Where(i => i != typeof(IInstrument) && typeof(IInstrument).IsAssignableFrom(i))], s => create(s));
}
