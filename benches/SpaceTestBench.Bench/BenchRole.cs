using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Bench;

/// <summary>A role resolved to the driver that plays it.</summary>
/// <typeparam name="T">The role's capability interface.</typeparam>
/// <param name="Name">The role name.</param>
/// <param name="Instrument">The driver.</param>
/// <param name="Definition">The instrument's bench entry.</param>
/// <param name="Channel">The channel the role uses (1 if not given).</param>
/// <param name="Rail">The DUT rail connected, if any.</param>
public sealed record BenchRole<T>(string Name, T Instrument, InstrumentDefinition Definition, int Channel, string? Rail)
    where T : IInstrument
{
    /// <summary>"Keysight E36312A MY61000001 CH1", for result records.</summary>
    public string InstrumentLabel =>
        $"{Instrument.Identity?.ToString() ?? Definition.Model}{(Definition.Simulated ? " [simulated]" : "")} CH{Channel}";
}
