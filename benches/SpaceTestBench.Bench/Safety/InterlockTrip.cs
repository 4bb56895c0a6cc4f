using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Bench.Safety;

/// <summary>An interlock that tripped, and how the bench responded.</summary>
/// <param name="Name">The interlock's name in the bench file.</param>
/// <param name="Kind">What it watches.</param>
/// <param name="Role">The role it read.</param>
/// <param name="DetectedAt">Bench time of the first reading beyond the limit.</param>
/// <param name="Reading">That reading.</param>
/// <param name="Limit">The limit it was beyond.</param>
/// <param name="Response">What the bench did ("power cycle", "safe state").</param>
/// <param name="ResponseTime">
/// From the first reading beyond the limit to the hazard removed (latch-up: power off). On a virtual clock,
/// where I/O takes no bench time, the wall-clock time of the response's I/O is added, so the figure is what
/// a real bench would take.
/// </param>
/// <param name="Action">Whether the scenario continued or was stopped.</param>
public sealed record InterlockTrip(
    string Name,
    InterlockKind Kind,
    string Role,
    DateTimeOffset DetectedAt,
    Quantity Reading,
    Quantity Limit,
    string Response,
    TimeSpan ResponseTime,
    InterlockAction Action)
{
    /// <summary>The longest response the bench file allows (latch-up), or null.</summary>
    public TimeSpan? AllowedResponseTime { get; init; }

    /// <summary>
    /// The part of <see cref="ResponseTime"/> that is the wall-clock time of the response's I/O added on a
    /// virtual clock (zero on a real bench, where it is already in bench time). It depends on how busy the
    /// machine was; <see cref="ResponseTime"/> minus it is the bench's own, reproducible, part.
    /// </summary>
    public TimeSpan IoWallTime { get; init; }

    /// <summary>True when the response was within the allowed time (or none is set).</summary>
    public bool RespondedInTime => AllowedResponseTime is not { } allowed || ResponseTime <= allowed;
}
