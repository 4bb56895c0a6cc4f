using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// One output of a simulated constant-voltage/constant-current supply. With the output on, it holds the
/// programmed voltage unless the load would draw more than the current limit; then it regulates current
/// and the voltage falls to where the load draws exactly the limit (CC mode).
/// </summary>
public sealed class SimulatedSupplyChannel(double maxVolts, double maxAmperes)
{
    /// <summary>Highest programmable voltage.</summary>
    public double MaxVolts { get; } = maxVolts;

    /// <summary>Highest programmable current limit.</summary>
    public double MaxAmperes { get; } = maxAmperes;

    /// <summary>Programmed voltage.</summary>
    public double VoltageSetting { get; set; }

    /// <summary>Programmed current limit.</summary>
    public double CurrentLimit { get; set; } = maxAmperes;

    /// <summary>Output relay state.</summary>
    public bool OutputOn { get; set; }

    /// <summary>What is wired to the output terminals.</summary>
    public IElectricalLoad? Load { get; set; }

    /// <summary>Terminal voltage and current at bench time <paramref name="now"/>.</summary>
    public (double Volts, double Amperes, bool ConstantCurrent) OperatingPoint(DateTimeOffset now)
    {
        if (!OutputOn)
        {
            return (0, 0, false);
        }

        if (Load is null)
        {
            return (VoltageSetting, 0, false);
        }

        var current = Load.CurrentAt(VoltageSetting, now);
        if (current <= CurrentLimit)
        {
            return (VoltageSetting, current, false);
        }

        // CC mode: bisect for the voltage at which the (monotonic) load draws the limit.
        double low = 0, high = VoltageSetting;
        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            if (Load.CurrentAt(mid, now) > CurrentLimit)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return (low, CurrentLimit, true);
    }

    /// <summary>Output off, voltage and limit to their reset values.</summary>
    public void Reset()
    {
        OutputOn = false;
        VoltageSetting = 0;
        CurrentLimit = MaxAmperes;
    }
}
