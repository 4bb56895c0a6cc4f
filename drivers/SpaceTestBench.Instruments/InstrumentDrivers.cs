using SpaceTestBench.Instruments.Keysight;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments;

/// <summary>A driver a bench file can name: its model, the roles it can fill, and how to make one on a session.</summary>
/// <param name="Model">The model name as bench files write it.</param>
/// <param name="Roles">Role interfaces the driver implements.</param>
/// <param name="Create">Makes a driver over an open session.</param>
public sealed record InstrumentDriver(string Model, IReadOnlyList<Type> Roles, Func<IMessageBasedSession, IInstrument> Create);

/// <summary>The catalogue of drivers, by model name (case-insensitive).</summary>
public static class InstrumentDrivers
{
    private static readonly Dictionary<string, InstrumentDriver> Drivers = new(StringComparer.OrdinalIgnoreCase)
    {
        [KeysightE36312A.ModelName] = new(KeysightE36312A.ModelName, [typeof(IDcPowerSupply)], s => new KeysightE36312A(s)),
    };

    /// <summary>Every known driver.</summary>
    public static IEnumerable<InstrumentDriver> All => Drivers.Values;

    /// <summary>Finds the driver for <paramref name="model"/>.</summary>
    public static bool TryGet(string model, out InstrumentDriver driver) => Drivers.TryGetValue(model, out driver!);
}
