using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Analysis;

/// <summary>A scenario's temperature profile: setpoint, chamber air and DUT traces, and the dwell verification.</summary>
/// <param name="ScenarioId">The scenario, or null for run-level monitors.</param>
/// <param name="Setpoint">The chamber setpoint trace, if recorded.</param>
/// <param name="Air">The chamber air trace, if recorded.</param>
/// <param name="Dut">The DUT temperature trace, if recorded.</param>
/// <param name="Result">Stability and dwell per plateau, if setpoint and DUT were both recorded.</param>
/// <param name="Problem">Why there is no verification, if there is none.</param>
public sealed record ThermalProfileSet(
    string? ScenarioId,
    SeriesResult? Setpoint,
    SeriesResult? Air,
    SeriesResult? Dut,
    ThermalDwellResult? Result,
    string? Problem);
