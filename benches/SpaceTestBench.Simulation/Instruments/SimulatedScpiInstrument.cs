using System.Text;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Base of simulators of SCPI instruments: a <see cref="ScpiDevice"/> acting on the shared
/// <see cref="SimulatedFacility"/>. Handlers go through <see cref="World{T}(Func{T})"/> so the physics is
/// evaluated up to now before the command and its consequences are settled after it.
/// </summary>
public abstract class SimulatedScpiInstrument : ScpiDevice, ISimulatedInstrument
{
    /// <summary>An instrument answering *IDN? with <paramref name="identity"/>, acting on <paramref name="facility"/>.</summary>
    protected SimulatedScpiInstrument(InstrumentIdentity identity, SimulatedFacility facility)
        : base(identity)
    {
        ArgumentNullException.ThrowIfNull(facility);
        Facility = facility;
    }

    /// <inheritdoc />
    public abstract string Model { get; }

    /// <summary>The world this instrument acts on.</summary>
    public SimulatedFacility Facility { get; }

    /// <inheritdoc />
    public void PowerCycle()
    {
        // Through the device's own message path, so the reset runs under its lock like any command.
        using var session = Connect();
        session.Execute(Encoding.ASCII.GetBytes("*RST;*CLS"));
    }

    /// <inheritdoc />
    public void InjectError(int code, string text) => PushError(new ScpiError(code, text));

    /// <summary>Runs a handler body on the world evaluated to now.</summary>
    protected T World<T>(Func<T> body) => Facility.Run(body);

    /// <summary>Runs a handler body on the world evaluated to now.</summary>
    protected void World(Action body) => Facility.Run(body);
}
