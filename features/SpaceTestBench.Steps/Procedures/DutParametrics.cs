using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Bindings;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// The DUT's total-dose parametrics in one scenario: the current of the rail whose leakage rises with dose,
/// the threshold voltage of the on-chip monitor transistor, and the functional test, judged against the
/// post-irradiation parametric limits (PIPL) of the DUT profile relative to the values before irradiation
/// (MIL-STD-883 TM 1019, ESCC 22900). Without PIPL the rail current is judged against the
/// profile's supply-current limits and the threshold is recorded unjudged.
/// </summary>
/// <remarks>
/// In a gamma scenario (the dose rate set before the reference is taken) the reference before irradiation
/// is the D = 0 point of the drift: it is recorded under the same names as the later tests
/// (<c>core supply current (TID)</c>, <c>threshold voltage (TID)</c>) with a total ionising dose of 0, and
/// every point carries the dose rate, the sample's number and its bias. The functional test is pass/fail:
/// it is judged, never recorded under the dose condition a drift is fitted on.
/// </remarks>
public sealed class DutParametrics(BenchSession bench, ScenarioRecorder results, DutRails rails, GammaIrradiation gamma, ScenarioSamples samples, SamplePlan plan)
{
    // By sample number: a sample plan's samples each have their own reference and latest test.
    private readonly Dictionary<int, double> _leakageBefore = [];
    private readonly Dictionary<int, double> _thresholdBefore = [];
    private readonly Dictionary<int, double> _leakageLatest = [];
    private readonly Dictionary<int, double> _thresholdLatest = [];
    private bool? _biased;
    private SettlingCriterion? _settling;

    /// <summary>The rail whose current the total-dose section of the DUT profile says rises with dose.</summary>
    public string LeakageRail => DutPowerSteps.LeakageRail(bench.Dut, rails);

    /// <summary>The series name an unirradiated control sample's parametrics are recorded under: never a dose-drift point.</summary>
    public const string ControlSeries = "unirradiated control";

    /// <summary>
    /// The change of the leakage rail's current (A) and of the monitor threshold (V) of sample <paramref name="number"/>
    /// from its reference to its latest test, or null if it has not been tested since its reference.
    /// </summary>
    public (double Leakage, double Threshold)? ChangeOf(int number) =>
        _leakageBefore.TryGetValue(number, out var leakage) && _leakageLatest.TryGetValue(number, out var latest)
            ? (latest - leakage, _thresholdBefore.TryGetValue(number, out var vth) && _thresholdLatest.TryGetValue(number, out var vthLatest) ? vthLatest - vth : double.NaN)
            : null;

    /// <summary>The name the leakage rail's current is recorded under in a total-dose (gamma) scenario.</summary>
    public string LeakageName => $"{LeakageRail} supply current (TID)";

    /// <summary>The name the monitor threshold voltage is recorded under in a total-dose (gamma) scenario.</summary>
    public const string ThresholdName = "threshold voltage (TID)";

    /// <summary>
    /// Waits until the DUT has thermally settled at its bias (<paramref name="criterion"/>), then measures and
    /// records the parametrics before irradiation (unjudged but for the functional test). In a gamma scenario
    /// they are the D = 0 points of the drift; otherwise (a beam scenario) they are references recorded as
    /// "… before irradiation".
    /// </summary>
    /// <remarks>
    /// A sample of a plan that sat unbiased (grounded, or a control beside the cell) is at the chamber's temperature
    /// when it is switched on for a test, every time: its reference is taken at once after it boots, as its later
    /// tests are, so self-heating is the same in both. A biased one sat at its bias on the board and is settled by
    /// the criterion.
    /// </remarks>
    public async Task RecordBaselineAsync(SettlingCriterion criterion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        _settling = criterion;
        var source = rails.Source(LeakageRail);
        var member = plan.OnStation;
        if (member is null || member.Group == SampleGroup.Biased)
        {
            await SettleAsync(source, criterion, member is null ? "before irradiation" : $"before irradiation (sample {member.Number}, {member.GroupName})", cancellationToken);
        }

        await NoteBiasAsync(cancellationToken);
        var number = await samples.CurrentAsync(cancellationToken);
        var leakageAmperes = await source.MeasureCurrentAsync(cancellationToken);
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var thresholdVolts = await agent.Instrument.MeasureThresholdVoltageAsync(cancellationToken);
        _leakageBefore[number] = leakageAmperes;
        _thresholdBefore[number] = thresholdVolts;
        var leakage = new Quantity(leakageAmperes, Units.Ampere).ConvertTo(Units.Milliampere);
        var threshold = new Quantity(thresholdVolts * 1e3, Units.Parse("mV"));
        var zero = new Quantity(0, Units.Parse("krad(Si)"));
        if (member is { Group: SampleGroup.Control })
        {
            var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal) { ["accumulated dose"] = zero, [WellKnownConditions.Sample] = new(number, Units.One) };
            results.Measure($"{LeakageRail} supply current ({ControlSeries})", leakage, null, source.Role, source.Instrument, conditions);
            results.Measure($"threshold voltage ({ControlSeries})", threshold, null, BenchRoles.Dut, agent.InstrumentLabel, conditions);
        }
        else if (gamma.DoseRate is not null)
        {
            var conditions = await ConditionsAsync(zero, null, cancellationToken);
            results.Measure(LeakageName, leakage, null, source.Role, source.Instrument, conditions);
            results.Measure(ThresholdName, threshold, null, BenchRoles.Dut, agent.InstrumentLabel, conditions);
        }
        else
        {
            var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal) { [WellKnownConditions.Sample] = new(await samples.CurrentAsync(cancellationToken), Units.One) };
            results.Measure($"{LeakageRail} supply current before irradiation", leakage, null, source.Role, source.Instrument, conditions);
            results.Measure("threshold voltage before irradiation", threshold, null, BenchRoles.Dut, agent.InstrumentLabel, conditions);
        }

        await DutSteps.FunctionalTestAsync(bench, results, await FunctionalConditionsAsync(zero, null, cancellationToken));
    }

    /// <summary>
    /// Waits, by the criterion the reference was taken with, until the DUT has settled again after a change of
    /// temperature (the return from an anneal), so that a test compares with the reference at the same thermal
    /// state; <paramref name="occasion"/> names the settling in its evidence ("after the anneal at 100 °C").
    /// </summary>
    public Task SettleAgainAsync(string occasion, CancellationToken cancellationToken = default) =>
        SettleAsync(rails.Source(LeakageRail), _settling ?? throw new InvalidOperationException("The DUT parametrics before irradiation have not been recorded in this scenario."), occasion, cancellationToken);

    /// <summary>
    /// Records whether the sample is biased now (every rail the bench powers is on: 1; otherwise 0), as the
    /// <see cref="WellKnownConditions.SampleBias"/> of the tests that follow. Called as an exposure starts.
    /// </summary>
    public async Task NoteBiasAsync(CancellationToken cancellationToken = default)
    {
        var on = true;
        foreach (var source in rails.Sources)
        {
            on &= await source.IsOutputOnAsync(cancellationToken);
        }

        _biased = on;
    }

    /// <summary>
    /// Measures the parametrics after <paramref name="dose"/> (and after <paramref name="anneal"/>, for an
    /// anneal step) and records each against its limit. A dose step of a gamma ladder (<paramref name="doseStep"/>)
    /// is recorded with the well-known dose, dose-rate, sample and bias conditions (and anneal time and
    /// temperature), so the report draws and fits the drift; a single dose (what a proton run deposited) with
    /// the dose as a plain condition, under names with <paramref name="series"/> ("67 MeV protons"). The
    /// functional test is recorded without the dose condition a drift is fitted on. Returns what was
    /// recorded; the caller judges.
    /// </summary>
    public async Task<IReadOnlyList<MeasurementRecorded>> MeasureAtDoseAsync(Quantity dose, AnnealStep? anneal, string series, bool doseStep = true, CancellationToken cancellationToken = default)
    {
        var number = await samples.CurrentAsync(cancellationToken);
        if (!_leakageBefore.TryGetValue(number, out var before))
        {
            throw new InvalidOperationException($"The parametrics of sample {number} before irradiation have not been recorded in this scenario.");
        }

        var source = rails.Source(LeakageRail);
        var limits = bench.Dut.DoseLimits;
        var rail = bench.Dut.Rail(LeakageRail);
        var leakageLimit = limits?.LeakageIncrease is { } increase
            ? Limit.AtMost(Quantity.FromSi(before + increase.SiValue, Units.Milliampere))
            : rail.SupplyCurrent;
        var leakageSource = LimitSources.Decision(limits?.LeakageIncrease is not null
            ? $"{LimitSources.PostIrradiation(bench.Dut, "leakageIncrease")}, added to the value before irradiation"
            : LimitSources.SupplyCurrent(bench.Dut, LeakageRail));
        var conditions = doseStep
            ? await ConditionsAsync(dose, anneal, cancellationToken)
            : new Dictionary<string, Quantity>(StringComparer.Ordinal)
            {
                ["accumulated dose"] = dose,
                [WellKnownConditions.Sample] = new(number, Units.One),
            };
        if (!doseStep && anneal is { } annealed)
        {
            conditions[AnnealStep.DurationCondition] = annealed.Duration;
            conditions[WellKnownConditions.AnnealTemperature] = annealed.Temperature;
        }

        var leakageAmperes = await source.MeasureCurrentAsync(cancellationToken);
        _leakageLatest[number] = leakageAmperes;
        var recorded = new List<MeasurementRecorded>
        {
            results.Measure(doseStep ? LeakageName : $"{LeakageRail} supply current ({series})",
                new Quantity(leakageAmperes, Units.Ampere).ConvertTo(Units.Milliampere), leakageLimit, source.Role, source.Instrument, conditions, leakageSource),
        };
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var status = await agent.Instrument.GetStatusAsync(cancellationToken);
        if (status is DutStatus.Idle or DutStatus.Running)
        {
            var millivolts = Units.Parse("mV");
            var threshold = await agent.Instrument.MeasureThresholdVoltageAsync(cancellationToken);
            _thresholdLatest[number] = threshold;
            var thresholdLimit = limits?.ThresholdShift is { } shift && _thresholdBefore.TryGetValue(number, out var vth)
                ? Limit.Within(new Quantity(vth * 1e3, millivolts), shift.ConvertTo(millivolts))
                : null;
            recorded.Add(results.Measure(doseStep ? ThresholdName : $"threshold voltage ({series})",
                new Quantity(threshold * 1e3, millivolts), thresholdLimit, BenchRoles.Dut, agent.InstrumentLabel, conditions,
                thresholdLimit is null ? null : LimitSources.Decision($"{LimitSources.PostIrradiation(bench.Dut, "thresholdShift")}, either side of the value before irradiation")));
        }

        recorded.Add(await DutSteps.FunctionalTestAsync(bench, results, await FunctionalConditionsAsync(dose, anneal, cancellationToken)));
        return recorded;
    }

    /// <summary>The conditions of a drift point: dose, dose rate, sample, bias, the anneal if any, and the DUT temperature when the bench has a chamber.</summary>
    private async Task<Dictionary<string, Quantity>> ConditionsAsync(Quantity dose, AnnealStep? anneal, CancellationToken cancellationToken)
    {
        var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal) { [WellKnownConditions.TotalIonisingDose] = dose };
        await AddScenarioConditionsAsync(conditions, anneal, cancellationToken);
        return conditions;
    }

    /// <summary>
    /// The conditions of a functional test: the same as a drift point's but the dose under the plain name
    /// "accumulated dose", so that no analysis fits a drift law to a pass/fail result.
    /// </summary>
    private async Task<Dictionary<string, Quantity>> FunctionalConditionsAsync(Quantity dose, AnnealStep? anneal, CancellationToken cancellationToken)
    {
        var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal) { ["accumulated dose"] = dose };
        await AddScenarioConditionsAsync(conditions, anneal, cancellationToken);
        return conditions;
    }

    private async Task AddScenarioConditionsAsync(Dictionary<string, Quantity> conditions, AnnealStep? anneal, CancellationToken cancellationToken)
    {
        if (gamma.DoseRate is { } rate)
        {
            conditions[WellKnownConditions.DoseRate] = rate;
        }

        conditions[WellKnownConditions.Sample] = new Quantity(await samples.CurrentAsync(cancellationToken), Units.One);
        if (plan.OnStation is { } member)
        {
            // A plan's sample is tested powered, but was irradiated in its group's bias.
            conditions[WellKnownConditions.SampleBias] = new Quantity(member.Group == SampleGroup.Biased ? 1 : 0, Units.One);
        }
        else if (_biased is { } biased)
        {
            conditions[WellKnownConditions.SampleBias] = new Quantity(biased ? 1 : 0, Units.One);
        }

        if (anneal is { } step)
        {
            conditions[WellKnownConditions.AnnealTime] = step.TotalTime;
            conditions[WellKnownConditions.AnnealTemperature] = step.Temperature;
            conditions[AnnealStep.DurationCondition] = step.Duration;
        }

        if (bench.HasRole(BenchRoles.ThermalChamber))
        {
            var kelvin = await bench.Role<IThermalChamber>(BenchRoles.ThermalChamber).Instrument.MeasureDutTemperatureAsync(cancellationToken);
            conditions[DutTemperatureCondition] = Quantity.FromSi(kelvin, Units.DegreeCelsius);
        }
    }

    /// <summary>The plain condition naming the DUT (case) temperature the chamber read at the test.</summary>
    public const string DutTemperatureCondition = "DUT temperature";

    /// <summary>
    /// Waits until the leakage rail's current changes by less than the criterion over its window (a straight
    /// line fitted to the readings of the trailing window, so meter noise does not decide), reading it every
    /// thirtieth of the window into a time series, the evidence of settling. Gives up after the criterion's
    /// longest wait with a deviation: the reference then still contains self-heating drift.
    /// </summary>
    private async Task SettleAsync(RailSource source, SettlingCriterion criterion, string occasion, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromTicks(Math.Max(criterion.Window.Ticks / 30, TimeSpan.TicksPerSecond));
        var trace = results.StartTimeSeries($"{source.Rail} supply current while settling {occasion}", Units.Milliampere, source.Role, source.Instrument);
        var readings = new List<(DateTimeOffset At, double Amperes)>();
        var started = bench.Clock.GetUtcNow();
        var change = double.NaN;
        while (true)
        {
            var now = bench.Clock.GetUtcNow();
            var amperes = await source.MeasureCurrentAsync(cancellationToken);
            readings.Add((now, amperes));
            trace.AppendAt(now, new Quantity(amperes * 1e3, Units.Milliampere));
            var waited = now - started;
            if (waited >= criterion.Window)
            {
                var window = readings.Where(r => r.At >= now - criterion.Window).ToList();
                var (_, slope) = MathNet.Numerics.Fit.Line(window.Select(r => (r.At - started).TotalSeconds).ToArray(), window.Select(r => r.Amperes).ToArray());
                change = Math.Abs(slope) * criterion.Window.TotalSeconds;
                if (change < criterion.CurrentChange.SiValue)
                {
                    results.RecordEvent(BenchEventKind.Note, source.Role,
                        $"The DUT settled at its bias {occasion} after {waited.TotalMinutes:0.#} min: its {source.Rail} supply current changed by {change * 1e3:0.###} mA over the last {criterion.Window.TotalMinutes:0.#} min (criterion: less than {criterion.CurrentChange.ConvertTo(Units.Milliampere)}).",
                        SettlingValues(waited, change, criterion));
                    return;
                }
            }

            if (waited >= criterion.Longest)
            {
                results.RecordEvent(BenchEventKind.Deviation, source.Role,
                    $"The DUT did not settle at its bias {occasion} within {criterion.Longest.TotalMinutes:0.#} min: its {source.Rail} supply current still changed by {(double.IsNaN(change) ? "an unknown amount" : $"{change * 1e3:0.###} mA")} over {criterion.Window.TotalMinutes:0.#} min " +
                    $"(criterion: less than {criterion.CurrentChange.ConvertTo(Units.Milliampere)}). The test is taken anyway; its difference from the reference includes the part's own thermal settling.",
                    SettlingValues(waited, change, criterion));
                return;
            }

            await bench.WaitAsync(interval, cancellationToken);
        }
    }

    private static Dictionary<string, Quantity> SettlingValues(TimeSpan waited, double change, SettlingCriterion criterion)
    {
        var values = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            ["time to settle"] = new(waited.TotalMinutes, Units.Minute),
            ["settling window"] = new(criterion.Window.TotalMinutes, Units.Minute),
            ["largest current change over the window"] = criterion.CurrentChange.ConvertTo(Units.Milliampere),
        };
        if (!double.IsNaN(change))
        {
            values["current change over the window"] = new Quantity(change * 1e3, Units.Milliampere);
        }

        return values;
    }
}

/// <summary>When the DUT counts as thermally settled at its bias before the reference is taken.</summary>
/// <param name="CurrentChange">The largest change of the leakage rail's current over <paramref name="Window"/> (from a line fitted to the window's readings).</param>
/// <param name="Window">The trailing window the change is estimated over.</param>
/// <param name="Longest">The longest wait; past it the reference is taken with a deviation.</param>
public sealed record SettlingCriterion(Quantity CurrentChange, TimeSpan Window, TimeSpan Longest);

/// <summary>An anneal a parametric test follows.</summary>
/// <param name="TotalTime">Time annealed since the end of irradiation, all anneals together (<see cref="WellKnownConditions.AnnealTime"/>).</param>
/// <param name="Temperature">The temperature of the anneal just ended (<see cref="WellKnownConditions.AnnealTemperature"/>).</param>
/// <param name="Duration">How long the anneal just ended lasted (the plain condition <see cref="DurationCondition"/>).</param>
public sealed record AnnealStep(Quantity TotalTime, Quantity Temperature, Quantity Duration)
{
    /// <summary>The plain condition naming how long the anneal just ended lasted, at <see cref="Temperature"/>.</summary>
    public const string DurationCondition = "anneal duration";
}
