using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>A series of (x, y) points appended one by one: a monitored trace or a sweep.</summary>
/// <param name="SeriesId">Unique within the run.</param>
/// <param name="ScenarioId">The scenario that recorded it, or null for a run-level monitor.</param>
/// <param name="StepIndex">The step that started it, if any.</param>
/// <param name="Name">What y is ("DUT temperature"); see <see cref="WellKnownSeries"/>.</param>
/// <param name="Kind">Time or sweep.</param>
/// <param name="XName">What x is ("time", "received optical power").</param>
/// <param name="XUnit">Unit of x (seconds for a time series).</param>
/// <param name="YUnit">Unit of y.</param>
/// <param name="Role">The bench role that measured it.</param>
/// <param name="Instrument">The instrument's identity.</param>
/// <param name="Origin">Bench time of x = 0 for a time series; the start time for a sweep.</param>
public sealed record SeriesInfo(
    int SeriesId,
    string? ScenarioId,
    int? StepIndex,
    string Name,
    SeriesKind Kind,
    string XName,
    Unit XUnit,
    Unit YUnit,
    string? Role,
    string? Instrument,
    DateTimeOffset Origin);
