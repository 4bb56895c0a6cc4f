namespace SpaceTestBench.Simulation.Dut;

/// <summary>Something wired to a supply output that draws current depending on the voltage across it.</summary>
public interface IElectricalLoad
{
    /// <summary>Current drawn (A) at <paramref name="volts"/> across the load, at bench time <paramref name="now"/>.</summary>
    double CurrentAt(double volts, DateTimeOffset now);

    /// <summary>Capacitance across the load's input, F: a source charges it at switch-on (inrush). Zero by default.</summary>
    double CapacitanceFarads => 0;
}
