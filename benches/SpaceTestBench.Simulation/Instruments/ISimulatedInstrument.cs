using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>A simulated instrument as the fault injector and the hosts see it.</summary>
public interface ISimulatedInstrument : IMessageDevice
{
    /// <summary>The model it simulates ("Keysight E36312A").</summary>
    string Model { get; }

    /// <summary>Power-cycles the instrument: every setting back to its power-on state, its error queue emptied.</summary>
    void PowerCycle();

    /// <summary>Puts an error in the instrument's error reporting, as a firmware fault would.</summary>
    void InjectError(int code, string text);
}
