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

    /// <summary>
    /// A total-dose response for a lot in the gamma cell: slow anneal (τ = 1000 h at 25 °C) and functional failure far
    /// above the doses the lot tests give, so a sample's fate comes from what the test does to it.
    /// </summary>
    public static readonly TotalDoseSpec LotDose = new(
        "core", LeakageCurrentScaleAmperes: 2e-3, LeakageDoseScaleRad: 20_000, ThresholdVoltage: 0.45,
        OxideShiftVoltsPerRad: 0.5e-6, InterfaceShiftVoltsPerRad: 0.2e-6, InterfaceTrapFraction: 0.2, ReboundFraction: 0.4,
        UnbiasedDamageFactor: 0.5, AnnealTimeConstantSeconds: 1000 * 3600, AnnealReferenceKelvin: 298.15, AnnealActivationEnergyEv: 0.8,
        FunctionalFailureDoseRad: 800_000);

    /// <summary>The maximum rated supply of <see cref="Plain"/>'s rails, which biases the lot's biased samples.</summary>
    public static readonly Dictionary<string, double> MaximumRated = new() { ["core"] = 1.98, ["io"] = 3.6 };

    public static WeibullCrossSection Weibull(double saturation, double threshold, double width, double shape) =>
        new(saturation, threshold, width, shape);
}
