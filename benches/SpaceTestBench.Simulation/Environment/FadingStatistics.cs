namespace SpaceTestBench.Simulation.Environment;

/// <summary>Statistics of the received-intensity fluctuation a link emulator imposes.</summary>
public enum FadingStatistics
{
    /// <summary>No scintillation.</summary>
    None,

    /// <summary>Log-normal intensity (weak turbulence).</summary>
    LogNormal,

    /// <summary>Gamma-gamma intensity (moderate to strong turbulence).</summary>
    GammaGamma,
}
