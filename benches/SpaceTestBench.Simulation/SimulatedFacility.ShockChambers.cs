using SpaceTestBench.Simulation.Environment;

namespace SpaceTestBench.Simulation;

/// <summary>
/// Two-zone thermal shock chambers. They stand beside the DUT model (which sits in the bench's thermal chamber):
/// what their baskets carry is a lot's worst-case load, a lumped thermal mass the facility loads.
/// </summary>
public sealed partial class SimulatedFacility
{
    private readonly List<ThermalShockChamberModel> _shockChambers = [];

    internal ThermalShockChamberModel AttachShockChamber(ThermalShockChamberSpec spec)
    {
        var chamber = new ThermalShockChamberModel(spec);
        lock (_gate)
        {
            _shockChambers.Add(chamber);
        }

        return chamber;
    }

    /// <summary>
    /// Puts a fresh load, at room temperature, in the basket of every thermal shock chamber: a lumped mass whose time
    /// constant in a zone's circulated air is <paramref name="timeConstant"/> (its heat capacity that time the
    /// basket's h·A). Throws if the facility has no thermal shock chamber.
    /// </summary>
    public void LoadShockBasket(TimeSpan timeConstant) => Run(() =>
    {
        if (_shockChambers.Count == 0)
        {
            throw new InvalidOperationException("The simulated facility has no thermal shock chamber to load.");
        }

        foreach (var chamber in _shockChambers)
        {
            chamber.AdvanceTo(Elapsed);
            chamber.LoadBasket(timeConstant.TotalSeconds);
        }
    });
}
