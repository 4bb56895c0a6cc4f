using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation.Tests.Support;

/// <summary>DUT specifications with round numbers, so tests can check results against the formulas by hand.</summary>
internal static class TestDuts
{
    public static readonly CmosSupplyLoad Core = new(1.8, 0.280, 0.020, 0.250, 1.2);

    public static readonly CmosSupplyLoad Io = new(3.3, 0.045, 0.005, 0.400, 2.5);

    /// <summary>A DUT with core and io rails and nothing else.</summary>
    public static SimulatedDut Plain => new("plain", new Dictionary<string, CmosSupplyLoad> { ["core"] = Core, ["io"] = Io })
    {
        Id = "plain-1",
        SerialNumber = "P-1",
        Workload = new WorkloadSpec(InferencesPerSecond: 100, BootSeconds: 2),
    };

    public static WeibullCrossSection Weibull(double saturation, double threshold, double width, double shape) =>
        new(saturation, threshold, width, shape);
}
