namespace SpaceTestBench.Simulation.Dut;

/// <summary>Something wired to a supply output that draws current depending on the voltage across it.</summary>
public interface IElectricalLoad
{
    /// <summary>Current drawn (A) at <paramref name="volts"/> across the load, at bench time <paramref name="now"/>.</summary>
    double CurrentAt(double volts, DateTimeOffset now);

    /// <summary>Capacitance across the load's input, F: a source charges it at switch-on (inrush). Zero by default.</summary>
    double CapacitanceFarads => 0;

    /// <summary>
    /// The load as it stands at <paramref name="now"/>, to evaluate at many voltages within one solve while nothing
    /// changes it (a supply's bisection for its constant-current point, its inrush integration): it draws exactly what
    /// this load draws at <paramref name="now"/>, and may have taken what it depends on once instead of at every voltage.
    /// Two held forms that are <see cref="object.Equals(object)"/> must draw the same current at every voltage: a supply
    /// reuses an inrush forecast made with an equal held load. A load with no state of its own (an immutable record) is
    /// its own held form, the default; a load whose current depends on state that can change must return a snapshot.
    /// </summary>
    IElectricalLoad HeldAt(DateTimeOffset now) => this;
}
