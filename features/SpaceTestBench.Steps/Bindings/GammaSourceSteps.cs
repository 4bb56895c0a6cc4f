using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Total-ionizing-dose steps: the gamma source's dose rate, step-stress irradiation with parametric tests
/// after each step, the overtest and the anneals (MIL-STD-883 TM 1019, ESCC 22900). Parametrics are recorded
/// with the well-known dose conditions, so the report draws their drift against dose with the anneals.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.GammaSource)]
[RequiresRole(BenchRoles.DutSupply)]
[RequiresRole(BenchRoles.Dut)]
public sealed class GammaSourceSteps(BenchSession bench, IScenarioContext scenario, ScenarioRecorder results, GammaIrradiation gamma, DutParametrics parametrics, ChamberControl chamber, StepProgress progress, SamplePlan plan)
    : Resuming.IResumableInsideStep
{
    private Quantity _annealed = new(0, Units.Hour);
    private Quantity? _finalDose;
    private DateTimeOffset? _lastTestEnded;

    // Resume inside an irradiation step (issue 15): the dose steps the running ladder has exposed and tested (null between
    // steps), and whether the exposure to the next one is under way with its gap from the previous test on record. Saved
    // with the world inside the exposure's wait and at its end, so a cut there continues the exposure, keeping the dose
    // steps before it as tested at their own doses, instead of re-testing them at the dose the cut found delivered.
    private int? _dosesTested;
    private bool _exposureUnderWay;

    /// <inheritdoc />
    /// <remarks>While an exposure is under way: the tests before it are on record, complete, and the exposure goes on
    /// from the world saved with this state (the source's log keeps when it was raised).</remarks>
    public bool ResumableHere => _exposureUnderWay;

    /// <summary>
    /// Waits until the powered DUT has thermally settled at its bias (its leakage rail's current, fitted over the
    /// window, changes by less than the stated amount; at most the stated wait, else a deviation), then records
    /// the parametrics before irradiation: the leakage rail's current, the monitor threshold voltage, the
    /// functional test. After the gamma source's dose rate is set they are the D = 0 points of the drift, under
    /// the same names as the later tests; before it (a beam scenario) they are references "before irradiation".
    /// With a sample plan, each sample of the plan in turn on the test station (<see cref="SamplePlan"/>), the
    /// controls' under their own names; then every sample back in its group's bias.
    /// </summary>
    [Given("the DUT parametrics before irradiation are recorded once its supply current changes by less than {current} over {duration}, waiting at most {duration}")]
    [StepExample("Given the DUT parametrics before irradiation are recorded once its supply current changes by less than 0.1 mA over 5 min, waiting at most 1 h")]
    public async Task Baseline(Current change, Duration window, Duration longest)
    {
        var criterion = new SettlingCriterion(change, TimeSpan.FromSeconds(window.SiValue), TimeSpan.FromSeconds(longest.SiValue));
        if (!plan.IsPlanned)
        {
            await parametrics.RecordBaselineAsync(criterion);
            return;
        }

        // Every sample's reference from where it sat: the biased ones at their bias (the station's sample too),
        // the others switched in from the board or from beside the cell, as each of their later tests will be.
        await plan.ToExposureBiasAsync();
        foreach (var member in plan.Members)
        {
            await plan.TestOnStationAsync(member);
            await parametrics.RecordBaselineAsync(criterion);
        }

        await plan.ToExposureBiasAsync();
    }

    /// <summary>Positions the DUT for a dose rate, resets the dosimeter, and judges the rate the dosimeter reads against the window.</summary>
    [Given("the gamma source is set to {dose-rate}, inside the window from {dose-rate} to {dose-rate}")]
    [StepExample("Given the gamma source is set to 36 rad(Si)/h, inside the window from 36 rad(Si)/h to 360 rad(Si)/h")]
    public async Task DoseRate(DoseRate rate, DoseRate low, DoseRate high)
    {
        var measured = await gamma.SetRateAsync(rate);
        results.Measure("dose rate at the DUT", measured, Limit.Between(low, high), BenchRoles.GammaSource,
            bench.Role<Instruments.Roles.IGammaSource>(BenchRoles.GammaSource).InstrumentLabel, decision: ExamplesSource);
    }

    /// <summary>
    /// Irradiates to each cumulative dose in turn; after each, tests the parametrics against the DUT profile's
    /// limits and records how long after the end of the exposure that was, against the allowed time. A run cut
    /// inside a later exposure continues that exposure on resume: the dose steps exposed and tested before the cut
    /// keep their records (each tested at its own dose) and are not exposed or tested again.
    /// </summary>
    [When("the DUT is irradiated in steps to {doses}, its parametrics tested within {duration} of each step")]
    [StepExample("When the DUT is irradiated in steps to 5, 10, 20, 30, 50, 75 and 100 krad(Si), its parametrics tested within 1 h of each step")]
    public async Task Ladder(Doses doses, Duration testWindow)
    {
        var tested = _dosesTested ?? 0;
        if (tested > 0 && tested < doses.Count)
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.GammaSource,
                $"Resumed inside the ladder: the dose steps to {GammaIrradiation.InKilorad(doses[tested - 1])} were exposed and tested before the cut and keep their records; the exposure to {GammaIrradiation.InKilorad(doses[tested])} {(_exposureUnderWay ? "goes on" : "starts")}.");
        }

        foreach (var dose in doses.Skip(tested))
        {
            await StepAsync(dose, testWindow);
            _dosesTested = ++tested;
        }

        _dosesTested = null;
    }

    /// <summary>Irradiates to the specified dose times (1 + overtest) (TM 1019 §3.12: 50 % overtest) and tests the parametrics.</summary>
    [When("the DUT is irradiated to {dose} plus a {percentage} overtest, its parametrics tested within {duration}")]
    [StepExample("When the DUT is irradiated to 100 krad(Si) plus a 50 % overtest, its parametrics tested within 1 h")]
    public Task Overtest(Dose specified, Percentage overtest, Duration testWindow) =>
        StepAsync(Quantity.FromSi(specified.SiValue * (1 + overtest.SiValue), specified.Unit), testWindow);

    /// <summary>
    /// Anneals the powered DUT: the chamber holds it at the anneal temperature for the anneal time, then at the
    /// test temperature, where, once the DUT has settled again by the reference's criterion, its parametrics are
    /// tested and recorded as an anneal step with the time annealed
    /// so far, this anneal's temperature and duration (TM 1019 §3.11/3.12). A parametric outside its limit here
    /// (rebound) is recorded with its verdict and fails the step.
    /// </summary>
    [When("the DUT anneals biased for {duration} at {temperature}, its parametrics tested at {temperature}")]
    [StepExample("When the DUT anneals biased for 168 h at 100 °C, its parametrics tested at 24 °C")]
    [RequiresRole(BenchRoles.ThermalChamber)]
    public async Task Anneal(Duration duration, Temperature annealTemperature, Temperature testTemperature)
    {
        var dose = _finalDose ?? await gamma.DoseAsync();
        await chamber.HoldDutAtAsync(annealTemperature.SiValue, toleranceKelvin: 3);
        await progress.WaitAsync($"annealing biased at {annealTemperature} for {duration}", TimeSpan.FromSeconds(duration.SiValue));
        _annealed = Quantity.FromSi(_annealed.SiValue + duration.SiValue, Units.Hour);
        await chamber.HoldDutAtAsync(testTemperature.SiValue, toleranceKelvin: 3);
        var anneal = new AnnealStep(_annealed, annealTemperature, duration);
        if (!plan.IsPlanned)
        {
            await parametrics.SettleAgainAsync($"after the anneal at {annealTemperature}");
            await parametrics.MeasureAtDoseAsync(dose, anneal, "gamma");
            return;
        }

        foreach (var member in plan.Members)
        {
            await plan.TestOnStationAsync(member);
            if (member.Group == SampleGroup.Biased)
            {
                await parametrics.SettleAgainAsync($"after the anneal at {annealTemperature} (sample {member.Number}, {member.GroupName})");
            }

            await MeasureMemberAsync(member, dose, anneal);
        }

        await plan.ToExposureBiasAsync();
    }

    /// <summary>
    /// Judges the plan's unirradiated controls: each one's change from its reference to its last test, of the leakage
    /// rail's current and of the monitor threshold, must stay within <paramref name="fraction"/> of the
    /// post-irradiation parametric limits (PIPL) of the DUT profile. A control has seen no dose: its change is the
    /// test system's drift (instruments, fixture, temperature), which the irradiated samples' changes contain too.
    /// Each irradiated sample's change with the control's mean change taken off is recorded as its radiation-induced
    /// change and judged against the PIPL. A control that drifted more than the fraction shows that the measurement
    /// system cannot be trusted, not that the DUT failed: its change, and every irradiated sample's change of that
    /// parameter, are recorded Inconclusive, with the drift, the allowance and where the allowance comes from.
    /// </summary>
    [Then("the unirradiated controls changed by at most {percentage} of the post-irradiation limits, and each irradiated sample's change less the controls' is within them")]
    [StepExample("Then the unirradiated controls changed by at most 10 % of the post-irradiation limits, and each irradiated sample's change less the controls' is within them")]
    public void ControlSeparatesDrift(Percentage fraction)
    {
        var limits = bench.Dut.DoseLimits ?? throw new InvalidOperationException(
            $"The DUT profile ({bench.Dut.File}) states no post-irradiation parametric limits (totalIonizingDose.limits): the controls' drift has nothing to be compared with.");
        if (!plan.Controls.Any())
        {
            throw new InvalidOperationException("The scenario's sample plan has no unirradiated control: mount one (the plan's last count) to separate the test system's drift.");
        }

        var milliampere = Units.Milliampere;
        var millivolt = Units.Parse("mV");
        var changes = plan.Controls.Select(c => (c, parametrics.ChangeOf(c.Number) ?? throw new InvalidOperationException($"The control sample {c.Number} ({c.Serial}) has not been tested since its reference."))).ToList();
        var leakageSource = LimitSources.Decision($"{fraction} ({ExamplesSourceText}) of {LimitSources.PostIrradiation(bench.Dut, "leakageIncrease")}");
        var thresholdSource = LimitSources.Decision($"{fraction} ({ExamplesSourceText}) of {LimitSources.PostIrradiation(bench.Dut, "thresholdShift")}");
        var leakageDrift = new ControlDrift($"{parametrics.LeakageRail} supply current", $"{fraction} of the post-irradiation limit, from {ExamplesSourceText}");
        var thresholdDrift = new ControlDrift("threshold voltage", $"{fraction} of the post-irradiation limit, from {ExamplesSourceText}");
        foreach (var (control, change) in changes)
        {
            var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal) { [WellKnownConditions.Sample] = new(control.Number, Units.One) };
            if (limits.LeakageIncrease is { } increase)
            {
                leakageDrift.Judge(results, control, $"{parametrics.LeakageRail} supply current change of the unirradiated control", new Quantity(change.Leakage * 1e3, milliampere),
                    Limit.Within(new Quantity(0, milliampere), Quantity.FromSi(increase.SiValue * fraction.SiValue, milliampere)), BenchRoles.DutSupply, conditions, leakageSource);
            }

            if (limits.ThresholdShift is { } shift && !double.IsNaN(change.Threshold))
            {
                thresholdDrift.Judge(results, control, "threshold voltage change of the unirradiated control", new Quantity(change.Threshold * 1e3, millivolt),
                    Limit.Within(new Quantity(0, millivolt), Quantity.FromSi(shift.SiValue * fraction.SiValue, millivolt)), BenchRoles.Dut, conditions, thresholdSource);
            }
        }

        var controlLeakage = changes.Average(c => c.Item2.Leakage);
        var controlThreshold = changes.Average(c => c.Item2.Threshold);
        foreach (var member in plan.Irradiated)
        {
            if (parametrics.ChangeOf(member.Number) is not { } change)
            {
                continue;
            }

            var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal)
            {
                [WellKnownConditions.Sample] = new(member.Number, Units.One),
                [WellKnownConditions.SampleBias] = new(member.Group == SampleGroup.Biased ? 1 : 0, Units.One),
            };
            if (limits.LeakageIncrease is { } increase)
            {
                leakageDrift.Measure(results, $"{parametrics.LeakageRail} supply current change less the controls'", new Quantity((change.Leakage - controlLeakage) * 1e3, milliampere),
                    Limit.AtMost(increase.ConvertTo(milliampere)), BenchRoles.DutSupply, conditions,
                    LimitSources.Decision($"{LimitSources.PostIrradiation(bench.Dut, "leakageIncrease")}; the change from the sample's reference to its last test, less the unirradiated controls' mean change over the same time"));
            }

            if (limits.ThresholdShift is { } shift && !double.IsNaN(change.Threshold) && !double.IsNaN(controlThreshold))
            {
                thresholdDrift.Measure(results, "threshold voltage change less the controls'", new Quantity((change.Threshold - controlThreshold) * 1e3, millivolt),
                    Limit.Within(new Quantity(0, millivolt), shift.ConvertTo(millivolt)), BenchRoles.Dut, conditions,
                    LimitSources.Decision($"{LimitSources.PostIrradiation(bench.Dut, "thresholdShift")}; the change from the sample's reference to its last test, less the unirradiated controls' mean change over the same time"));
            }
        }
    }

    /// <summary>
    /// One exposure and its test. The time from the previous test to this exposure and from this exposure to its
    /// test are measured and recorded against the scenario's windows (TM 1019: next exposure within 2 h, test
    /// within 1 h); a breach fails the measurement and is recorded as a deviation naming the window.
    /// </summary>
    /// <remarks>
    /// With a sample plan every sample in the field absorbs the exposure at once; then each is tested in turn (the
    /// controls last), and the time from the end of the exposure to each sample's test is recorded for that sample:
    /// a plan too large to test within the window breaches it, as it would in the cell.
    /// </remarks>
    private async Task StepAsync(Quantity target, Quantity testWindow)
    {
        await parametrics.NoteBiasAsync();
        var dose = GammaIrradiation.InKilorad(target);
        // Continued from a checkpoint inside this exposure (IResumableInsideStep): its gap from the previous test is on record.
        if (!_exposureUnderWay && _lastTestEnded is { } tested)
        {
            // Ends where the exposure began: now, or, in a step run again after a cut inside its exposure, when the source
            // went up before the cut (the samples were in the field from then); never at the resume, which would count the
            // exposure done before the cut as time out of the field.
            var begun = await gamma.ExposureBegunSinceAsync(tested) ?? bench.Clock.GetUtcNow();
            var gap = new Quantity((begun - tested).TotalMinutes, Units.Minute);
            var recorded = results.Measure(
                "time from parametric test to next exposure", gap, gamma.NextExposureWithin is { } within ? Limit.AtMost(within.ConvertTo(Units.Minute)) : null,
                BenchRoles.GammaSource, null, new Dictionary<string, Quantity> { ["next dose step"] = dose }, gamma.NextExposureWithin is null ? null : ExamplesSource);
            NoteBreach(recorded, $"The exposure to {dose} started {gap} after the previous parametric test, later than the {gamma.NextExposureWithin} the procedure allows: time-dependent effects (anneal) between the exposures are not those of the stated dose rate.");
        }

        _exposureUnderWay = true;
        var ended = await gamma.IrradiateToAsync(target);
        dose = GammaIrradiation.InKilorad(await gamma.DoseAsync());
        _finalDose = dose;
        if (!plan.IsPlanned)
        {
            await parametrics.MeasureAtDoseAsync(dose, null, "gamma");
            RecordTestDelay(ended, dose, testWindow, null);
        }
        else
        {
            foreach (var member in plan.Members)
            {
                await plan.TestOnStationAsync(member);
                await MeasureMemberAsync(member, dose, null);
                RecordTestDelay(ended, dose, testWindow, member);
            }

            await plan.ToExposureBiasAsync();
        }

        _exposureUnderWay = false;
        _lastTestEnded = bench.Clock.GetUtcNow();
    }

    /// <summary>Tests the plan's sample on the station: a drift point of an irradiated one, the control's own series at no dose.</summary>
    private Task<IReadOnlyList<MeasurementRecorded>> MeasureMemberAsync(PlannedSample member, Quantity dose, AnnealStep? anneal) => member.Group == SampleGroup.Control
        ? parametrics.MeasureAtDoseAsync(new Quantity(0, dose.Unit), anneal, DutParametrics.ControlSeries, doseStep: false)
        : parametrics.MeasureAtDoseAsync(dose, anneal, "gamma");

    /// <summary>
    /// Records the time from the end of the exposure to this test against the window. Where the end is not known (a
    /// resumed step found its dose delivered and the gamma source has no record of when its source went down), the
    /// time since the step found the source down is only a lower bound — the outage may lie before it — so it is
    /// recorded Inconclusive with that reason, never Pass.
    /// </summary>
    private void RecordTestDelay(ExposureEnd ended, Quantity dose, Quantity testWindow, PlannedSample? member)
    {
        var conditions = new Dictionary<string, Quantity> { ["dose step"] = dose };
        if (member is not null)
        {
            conditions[WellKnownConditions.Sample] = new Quantity(member.Number, Units.One);
        }

        if (ended.At is null)
        {
            var atLeast = bench.Clock.GetUtcNow() - ended.DownBy;
            results.MeasureInconclusive(
                "time from end of exposure to parametric test", new Quantity(atLeast.TotalMinutes, Units.Minute), Limit.AtMost(testWindow.ConvertTo(Units.Minute)),
                $"the dose of {dose} was already delivered when this step ran again after a cut of the run, and the gamma source has no record of when its source last went down: the value is only the time since the step found it down, and the exposure may have ended an outage earlier",
                BenchRoles.GammaSource, null, conditions, ExamplesSource);
            return;
        }

        var delay = bench.Clock.GetUtcNow() - ended.At.Value;
        var late = results.Measure(
            "time from end of exposure to parametric test", new Quantity(delay.TotalMinutes, Units.Minute), Limit.AtMost(testWindow.ConvertTo(Units.Minute)),
            BenchRoles.GammaSource, null, conditions, ExamplesSource);
        NoteBreach(late, $"The parametric test{(member is null ? "" : $" of sample {member.Number} ({member.GroupName})")} after {dose} ended {delay.TotalMinutes:0.#} min after the exposure, later than the {testWindow} the procedure allows: the part annealed before it was tested.");
    }

    /// <summary>The decision naming where the limits the scenario states come from: its Examples, under the clauses its tags cite.</summary>
    private string ExamplesSource => LimitSources.Decision(ExamplesSourceText);

    private string ExamplesSourceText => LimitSources.Examples(scenario.ScenarioInfo);

    private void NoteBreach(MeasurementRecorded measurement, string message)
    {
        if (measurement.Verdict == Verdict.Fail)
        {
            results.RecordEvent(BenchEventKind.Deviation, BenchRoles.GammaSource, message);
        }
    }
}
