namespace SpaceTestBench.Reports.Plots;

/// <summary>The report section a figure belongs in.</summary>
public enum PlotSection
{
    /// <summary>Total ionising dose.</summary>
    TotalIonisingDose,

    /// <summary>Single-event effects.</summary>
    SingleEventEffects,

    /// <summary>Thermal.</summary>
    Thermal,

    /// <summary>Optical link.</summary>
    Link,

    /// <summary>AI payload.</summary>
    Payload,

    /// <summary>Measurements and traces no analysis took.</summary>
    Other,
}
