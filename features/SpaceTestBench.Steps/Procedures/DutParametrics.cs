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
public sealed class DutParametrics(BenchSession bench, ScenarioRecorder results, DutRails rails)
{
    private double? _leakageBefore;
    private double? _thresholdBefore;

    /// <summary>The rail whose current the total-dose section of the DUT profile says rises with dose.</summary>
    public string LeakageRail => DutPowerSteps.LeakageRail(bench.Dut, rails);

    /// <summary>Whether the values before irradiation have been recorded.</summary>
    public bool HasBaseline => _leakageBefore is not null;

    /// <summary>Measures and records the parametrics before irradiation (unjudged but for the functional test).</summary>
    public async Task RecordBaselineAsync(CancellationToken cancellationToken = default)
    {
        var source = rails.Source(LeakageRail);
        _leakageBefore = await source.MeasureCurrentAsync(cancellationToken);
        results.Measure($"{LeakageRail} supply current before irradiation", new Quantity(_leakageBefore.Value, Units.Ampere).ConvertTo(Units.Milliampere), null, source.Role, source.Instrument);
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        _thresholdBefore = await agent.Instrument.MeasureThresholdVoltageAsync(cancellationToken);
        results.Measure("threshold voltage before irradiation", new Quantity(_thresholdBefore.Value * 1e3, Units.Parse("mV")), null, BenchRoles.Dut, agent.InstrumentLabel);
        await DutSteps.FunctionalTestAsync(bench, results, null);
    }

    /// <summary>
    /// Measures the parametrics after <paramref name="dose"/> (and <paramref name="annealTime"/> of anneal, for an
    /// anneal step) and records each against its limit. A dose step of a ladder (<paramref name="doseStep"/>)
    /// is recorded with the well-known dose conditions, so the report draws and fits the drift; a single dose
    /// (what a proton run deposited) with the dose as a plain condition. <paramref name="series"/> tells
    /// scenarios apart in the names ("36 rad(Si)/h"). Returns what was recorded; the caller judges.
    /// </summary>
    public async Task<IReadOnlyList<MeasurementRecorded>> MeasureAtDoseAsync(Quantity dose, Quantity? annealTime, string series, bool doseStep = true, CancellationToken cancellationToken = default)
    {
        var before = _leakageBefore ?? throw new InvalidOperationException("The DUT parametrics before irradiation have not been recorded in this scenario.");
        var source = rails.Source(LeakageRail);
        var limits = bench.Dut.DoseLimits;
        var rail = bench.Dut.Rail(LeakageRail);
        var leakageLimit = limits?.LeakageIncrease is { } increase
            ? Limit.AtMost(Quantity.FromSi(before + increase.SiValue, Units.Milliampere))
            : rail.SupplyCurrent;
        MeasurementRecorded Record(string name, Quantity value, Limit? limit, string role, string instrument) => doseStep
            ? results.MeasureAtDose(name, value, dose, limit, annealTime, role, instrument)
            : results.Measure(name, value, limit, role, instrument, new Dictionary<string, Quantity> { ["accumulated dose"] = dose });
        var recorded = new List<MeasurementRecorded>
        {
            Record($"{LeakageRail} supply current ({series})",
                new Quantity(await source.MeasureCurrentAsync(cancellationToken), Units.Ampere).ConvertTo(Units.Milliampere), leakageLimit, source.Role, source.Instrument),
        };
        var agent = bench.Role<IDutAgent>(BenchRoles.Dut);
        var status = await agent.Instrument.GetStatusAsync(cancellationToken);
        if (status is DutStatus.Idle or DutStatus.Running)
        {
            var millivolts = Units.Parse("mV");
            var threshold = await agent.Instrument.MeasureThresholdVoltageAsync(cancellationToken);
            var thresholdLimit = limits?.ThresholdShift is { } shift && _thresholdBefore is { } vth
                ? Limit.Within(new Quantity(vth * 1e3, millivolts), shift.ConvertTo(millivolts))
                : null;
            recorded.Add(Record($"threshold voltage ({series})", new Quantity(threshold * 1e3, millivolts), thresholdLimit, BenchRoles.Dut, agent.InstrumentLabel));
        }

        var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal) { [doseStep ? WellKnownConditions.TotalIonisingDose : "accumulated dose"] = dose };
        if (annealTime is { } anneal)
        {
            conditions[WellKnownConditions.AnnealTime] = anneal;
        }

        recorded.Add(await DutSteps.FunctionalTestAsync(bench, results, conditions));
        return recorded;
    }
}
