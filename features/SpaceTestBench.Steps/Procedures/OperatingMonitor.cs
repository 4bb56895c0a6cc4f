using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// Monitoring of a unit operating through thermal cycles (SMC-S-016 §4.7: the unit powered and monitored through
/// the cycles): at each check every rail's voltage against its setting (a rail held in its current limit sags out
/// of it), every rail's current, the junction against its rating and the agent's status (hung or failed is a
/// failure). The readings go to time series; a check that finds something wrong is a note naming it, so the last
/// cycles are judged failure-free from what the monitoring saw, not only from the starts.
/// </summary>
public sealed class OperatingMonitor(BenchSession bench, ScenarioRecorder results, DutRails rails)
{
    [Resuming.NotScenarioState("handles on the monitoring series: the step that appends to them runs again on resume and opens them again")]
    private readonly Dictionary<string, SeriesRecorder> _series = new(StringComparer.Ordinal);

    /// <summary>
    /// One check at <paramref name="cycle"/>, the chamber at the extreme <paramref name="kelvin"/> or moving to it; true if
    /// nothing was wrong. A rail out of <paramref name="regulation"/> is noted with the regulation's source when one is given.
    /// </summary>
    public async Task<bool> CheckAsync(int cycle, double kelvin, Quantity regulation, string? regulationSource = null, CancellationToken cancellationToken = default)
    {
        var now = bench.Clock.GetUtcNow();
        var failures = new List<string>();
        foreach (var source in rails.Sources)
        {
            var setting = rails.Setting(source.Rail) ?? throw new InvalidOperationException($"The {source.Rail} rail has no voltage setting: the DUT was not switched on before it was monitored.");
            var volts = await source.MeasureVoltageAsync(cancellationToken);
            var amperes = await source.MeasureCurrentAsync(cancellationToken);
            Series($"{source.Rail} rail voltage while operating", Units.Volt, source.Role, source.Instrument).AppendAt(now, new Quantity(volts, Units.Volt));
            Series($"{source.Rail} rail current while operating", Units.Ampere, source.Role, source.Instrument).AppendAt(now, new Quantity(amperes, Units.Ampere));
            if (Math.Abs(volts - setting.SiValue) > setting.SiValue * regulation.SiValue)
            {
                failures.Add($"{source.Rail} rail at {volts:0.###} V, outside {regulation} of its {setting} setting ({amperes * 1000:0.#} mA drawn{(regulationSource is null ? "" : $"; {LimitSources.Decision(regulationSource)}")})");
            }
        }

        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var junction = await agent.Instrument.MeasureJunctionTemperatureAsync(cancellationToken);
        Series("DUT junction temperature while operating", Units.DegreeCelsius, BenchRoles.Dut, agent.InstrumentLabel).AppendAt(now, Quantity.FromSi(junction, Units.DegreeCelsius));
        if (bench.Dut.Physics?.Thermal?.MaximumJunctionKelvin is { } rating && junction > rating)
        {
            failures.Add($"junction at {junction - 273.15:0.#} °C, above its {rating - 273.15:0.#} °C rating");
        }

        var status = await agent.Instrument.GetStatusAsync(cancellationToken);
        if (status is DutStatus.Hung or DutStatus.Failed or DutStatus.Off)
        {
            failures.Add($"the DUT reports itself {status.ToString().ToLowerInvariant()}");
        }

        if (failures.Count > 0)
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"Monitoring, cycle {cycle}, towards or at {kelvin - 273.15:0.#} °C: {string.Join("; ", failures)}.");
        }

        return failures.Count == 0;
    }

    private SeriesRecorder Series(string name, Unit unit, string role, string instrument)
    {
        if (!_series.TryGetValue(name, out var series))
        {
            series = _series[name] = results.StartTimeSeries(name, unit, role, instrument);
        }

        return series;
    }
}
