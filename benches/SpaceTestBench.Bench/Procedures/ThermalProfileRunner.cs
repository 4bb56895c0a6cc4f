using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Bench.Procedures;

/// <summary>Where a thermal profile has got to, reported at the end of each segment's soak.</summary>
/// <param name="Index">Segment number, from 0.</param>
/// <param name="Segment">The segment.</param>
/// <param name="SettledAt">Bench time the segment settled.</param>
/// <param name="AirKelvin">Air temperature at the end of the soak, K.</param>
/// <param name="DutKelvin">DUT temperature at the end of the soak, K.</param>
public sealed record ThermalProfileProgress(int Index, ThermalProfileSegment Segment, DateTimeOffset SettledAt, double AirKelvin, double DutKelvin);

/// <summary>Runs a <see cref="ThermalProfile"/> on the thermal chamber role, waiting in bench time.</summary>
public static class ThermalProfileRunner
{
    /// <summary>
    /// Runs <paramref name="profile"/> on <paramref name="chamber"/>; after each soak calls
    /// <paramref name="atEachSegment"/> (e.g. a functional test at the extreme). Throws
    /// <see cref="TimeoutException"/> naming the segment if one does not settle in time.
    /// </summary>
    public static async Task<IReadOnlyList<ThermalProfileProgress>> RunAsync(
        BenchSession bench, IThermalChamber chamber, ThermalProfile profile,
        Func<ThermalProfileProgress, CancellationToken, Task>? atEachSegment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(profile);
        var progress = new List<ThermalProfileProgress>();
        for (var index = 0; index < profile.Segments.Count; index++)
        {
            var segment = profile.Segments[index];
            await chamber.SetRampRateAsync(segment.RampKelvinPerSecond, cancellationToken);
            await chamber.SetSetpointAsync(segment.SetpointKelvin, cancellationToken);
            var previousDut = double.NaN;
            var settled = await bench.WaitUntilAsync(
                async ct =>
                {
                    var air = await chamber.MeasureAirTemperatureAsync(ct);
                    var dut = await chamber.MeasureDutTemperatureAsync(ct);
                    var steady = Math.Abs(dut - previousDut) < profile.SteadyKelvin;
                    previousDut = dut;
                    return Math.Abs(air - segment.SetpointKelvin) < profile.SettleToleranceKelvin && steady;
                },
                profile.SettleInterval, profile.SettleTimeout, cancellationToken);
            if (!settled)
            {
                throw new TimeoutException(
                    $"Thermal profile segment {index + 1} ({segment.SetpointKelvin - 273.15:0.#} °C) did not settle within {profile.SettleTimeout.TotalHours:0.#} h of bench time.");
            }

            var settledAt = bench.Clock.GetUtcNow();
            await bench.WaitAsync(segment.Soak, cancellationToken);
            var step = new ThermalProfileProgress(
                index, segment, settledAt, await chamber.MeasureAirTemperatureAsync(cancellationToken), await chamber.MeasureDutTemperatureAsync(cancellationToken));
            progress.Add(step);
            if (atEachSegment is not null)
            {
                await atEachSegment(step, cancellationToken);
            }
        }

        return progress;
    }
}
