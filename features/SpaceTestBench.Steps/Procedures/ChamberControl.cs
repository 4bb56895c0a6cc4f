using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// Brings the DUT to a temperature with the thermal chamber: the chamber ramps to the setpoint, and once the
/// air has settled the setpoint is corrected for the DUT's self-heating, so it is the DUT (the load, as
/// JESD22-A104 requires) that reaches the temperature asked for, within a tolerance and steady.
/// </summary>
public sealed class ChamberControl(BenchSession bench, StepProgress progress)
{
    /// <summary>The ramp used when a procedure gives none: 2 K/min, gentle enough for any unit (SMC-S-016 §4.7).</summary>
    public const double DefaultRampKelvinPerSecond = 2.0 / 60;

    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(2);

    /// <summary>The chamber.</summary>
    public IThermalChamber Chamber => bench.Role<IThermalChamber>(BenchRoles.ThermalChamber).Instrument;

    /// <summary>
    /// Holds the DUT at <paramref name="kelvin"/> within <paramref name="toleranceKelvin"/>, steady to
    /// <paramref name="steadyKelvin"/> per poll; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// Returns the DUT temperature reached, K.
    /// </summary>
    public async Task<double> HoldDutAtAsync(double kelvin, double toleranceKelvin = 2, double steadyKelvin = 0.3, TimeSpan? timeout = null, double? rampKelvinPerSecond = DefaultRampKelvinPerSecond, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? TimeSpan.FromHours(12);
        var deadline = bench.Clock.GetUtcNow() + limit;
        await Chamber.SetRampRateAsync(rampKelvinPerSecond, cancellationToken);
        var setpoint = kelvin;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await Chamber.SetSetpointAsync(setpoint, cancellationToken);
            var previous = double.NaN;
            var dut = double.NaN;
            var settled = await bench.WaitUntilAsync(
                async ct =>
                {
                    var air = await Chamber.MeasureAirTemperatureAsync(ct);
                    dut = await Chamber.MeasureDutTemperatureAsync(ct);
                    progress.Report($"bringing the DUT to {kelvin - 273.15:0.#} °C", new Results.Progress.ProgressGauge("DUT temperature", dut - 273.15, kelvin - 273.15, "°C"));
                    var steady = Math.Abs(dut - previous) < steadyKelvin;
                    previous = dut;
                    return Math.Abs(air - setpoint) < 1 && steady;
                },
                Poll, deadline - bench.Clock.GetUtcNow(), cancellationToken);
            if (!settled)
            {
                throw new TimeoutException($"The thermal chamber did not hold the DUT at {kelvin - 273.15:0.#} °C within {limit.TotalHours:0.#} h of bench time (DUT at {dut - 273.15:0.#} °C).");
            }

            if (Math.Abs(dut - kelvin) < toleranceKelvin)
            {
                return dut;
            }

            // The powered DUT sits above the air by its self-heating: move the air by the difference.
            setpoint += kelvin - dut;
        }

        throw new TimeoutException($"The thermal chamber could not bring the DUT to {kelvin - 273.15:0.#} °C ± {toleranceKelvin:0.#} K.");
    }
}
