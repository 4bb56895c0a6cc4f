using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Parameters;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// Particle-beam runs for one scenario. A run sets the beam up with the shutter closed (species, energy,
/// tilt, flux, fluence target), opens the shutter, and watches the DUT: it ends when the beam line closes
/// the shutter at the fluence target, or once every effect it counts has reached the event count. A
/// functional interrupt (the DUT hung) closes the shutter while the DUT is recovered by a soft reset, else a
/// power cycle; a latch-up on any rail of the DUT (the rail in its current limit, or a micro-latch: a persistent step
/// below it) closes it while the DUT's rails are switched off (the latched one first, within the stated response time),
/// held off and switched on again. Every event and every
/// exposure is recorded. Every run also records, judged, the latch-ups it caused, whoever caught them (this
/// scenario's latch-up watch or the bench's latch-up interlock): a run that is not a latch-up test allows none
/// (see <see cref="NoLatchupDecision"/>), and a latch-up test judges its own count against its stated limit. Likewise a
/// run that does not count functional interrupts judges those it caused against the DUT profile's SEFI limit
/// (<see cref="IncidentalInterrupts"/>).
/// </summary>
public sealed class BeamRuns(BenchSession bench, ScenarioRecorder results, DutRails rails, RunningWorkload workload, BeamSpecies species, StepProgress progress)
{
    private static readonly TimeSpan FirstCheck = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestCheck = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CounterCheck = TimeSpan.FromSeconds(1);
    /// <summary>The source of the limit on latch-ups in a beam run that does not test for latch-up, as the report states it.</summary>
    public const string NoLatchupDecision =
        "limit set by the procedure for every beam run that is not a latch-up test: no latch-up; each one survived only because the latch-up protection power-cycled the DUT, so it is a finding of this run, not a recovered event";

    [Resuming.NotScenarioState("handles on results series: a resumed scenario records its latch-up traces in new series")]
    private readonly Dictionary<string, SeriesRecorder> _latchupTraces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _stepSeen = new(StringComparer.Ordinal);
    private bool _missingUncertaintyNoted;

    /// <summary>When runs end; set by the scenario before the first run.</summary>
    public BeamRunPlan? Plan { get; set; }

    /// <summary>
    /// The depth below the die surface that the DUT's sensitive volume reaches, if the scenario states it: each run
    /// then judges its particle's range in silicon along the tilted path against it.
    /// </summary>
    public Quantity? SensitiveDepth { get; set; }

    /// <summary>How latch-up is watched for; null: it is not.</summary>
    public LatchupWatch? Watch { get; set; }

    /// <summary>Every exposure of this scenario.</summary>
    public List<BeamExposure> Exposures { get; } = [];

    /// <summary>Every latch-up of this scenario.</summary>
    public List<LatchupEvent> Latchups { get; } = [];

    /// <summary>Latch-ups of this scenario's runs, whoever caught them (the watch or the bench's latch-up interlock), each once.</summary>
    public int LatchupsCounted { get; private set; }

    /// <summary>Dose the beam deposited in this scenario, rad(Si).</summary>
    public Quantity DoseDeposited { get; private set; } = new(0, Units.Parse("krad(Si)"));

    private BenchRole<IParticleBeam> Beam => bench.Role<IParticleBeam>(BenchRoles.ParticleBeam);

    private BenchRole<IDutAgent> Agent => bench.Role<IDutAgent>(BenchRoles.Dut);

    /// <summary>A heavy-ion run with the facility's ion nearest <paramref name="let"/> (within 10 %) at <paramref name="tilt"/>.</summary>
    public async Task RunHeavyIonAsync(Quantity let, Quantity tilt, IReadOnlyList<SingleEventEffect> effects, CancellationToken cancellationToken = default)
    {
        var ion = await species.IonForAsync(let, cancellationToken);
        await RunAsync(ion, null, tilt, effects, cancellationToken);
    }

    /// <summary>A proton run at <paramref name="energy"/>, at normal incidence.</summary>
    public async Task RunProtonAsync(Quantity energy, IReadOnlyList<SingleEventEffect> effects, CancellationToken cancellationToken = default)
    {
        var proton = await species.ProtonAsync(cancellationToken);
        await RunAsync(proton, energy, new Quantity(0, Units.Parse("°")), effects, cancellationToken);
    }

    private async Task RunAsync(string ion, Quantity? energy, Quantity tilt, IReadOnlyList<SingleEventEffect> effects, CancellationToken cancellationToken)
    {
        var plan = Plan ?? throw new InvalidOperationException("No beam run plan in this scenario: say when each particle beam run ends first.");
        var beam = Beam.Instrument;
        await beam.SetShutterOpenAsync(false, cancellationToken);
        await beam.SelectSpeciesAsync(ion, cancellationToken);
        if (energy is { } joules)
        {
            await beam.SetEnergyAsync(joules.SiValue, cancellationToken);
        }

        await beam.SetTiltAsync(tilt.SiValue, cancellationToken);
        await beam.SetFluxAsync(plan.Flux.SiValue, cancellationToken);
        await beam.ResetFluenceAsync(cancellationToken);
        await beam.SetFluenceTargetAsync(plan.Fluence.SiValue, cancellationToken);
        var settings = await beam.GetBeamAsync(cancellationToken);
        var before = await Agent.Instrument.ReadCountersAsync(cancellationToken);
        var latchupsBefore = Latchups.Count;
        var tripsBefore = bench.Safety.Trips.Count;
        var range = new Quantity(settings.RangeMetres * 1e6, Units.Parse("µm"));
        var particleEnergy = Quantity.FromSi(settings.EnergyJoules, Units.Parse("MeV"));
        results.RecordEvent(BenchEventKind.Note, BenchRoles.ParticleBeam,
            $"Run: {settings.Species}, {particleEnergy.ToString("0.#")}, LET {Let(settings.LinearEnergyTransfer)} at {tilt} (effective {Let(settings.EffectiveLinearEnergyTransfer)}), range in silicon {range.ToString("0.#")}, to {plan.Fluence} at {plan.Flux}.");
        RecordRange(settings, range, particleEnergy, tilt);

        await beam.SetShutterOpenAsync(true, cancellationToken);
        var check = FirstCheck;
        var beamOn = TimeSpan.Zero;
        var lastCounters = bench.Clock.GetUtcNow();
        var counters = before;
        var lastClear = bench.Clock.GetUtcNow();
        while (true)
        {
            await bench.WaitAsync(check, cancellationToken);
            if (Watch is { } watch && await WatchLatchupAsync(watch, lastClear, cancellationToken))
            {
                lastClear = bench.Clock.GetUtcNow();
                await beam.SetShutterOpenAsync(true, cancellationToken);
            }
            else
            {
                lastClear = bench.Clock.GetUtcNow();
            }

            var now = bench.Clock.GetUtcNow();
            var shutterOpen = await beam.IsShutterOpenAsync(cancellationToken);
            if (Watch is null || now - lastCounters >= CounterCheck || !shutterOpen)
            {
                // The counters and the DUT's state in one exchange: an interrupt shows as a new count, or as a hung DUT
                // whose agent has not counted it yet.
                var (read, status) = await Agent.Instrument.ReadCountersAndStatusAsync(cancellationToken);
                lastCounters = now;
                if (read.FunctionalInterrupts > counters.FunctionalInterrupts || status == DutStatus.Hung)
                {
                    await beam.SetShutterOpenAsync(false, cancellationToken);
                    await RecoverAsync(read.FunctionalInterrupts - counters.FunctionalInterrupts, cancellationToken);
                    read = await Agent.Instrument.ReadCountersAsync(cancellationToken);
                    shutterOpen = await FluenceLeftAsync(plan, cancellationToken);
                    if (shutterOpen)
                    {
                        await beam.SetShutterOpenAsync(true, cancellationToken);
                    }
                }

                counters = read;
            }

            var counted = effects.Select(e => Count(e, before, counters, latchupsBefore)).ToList();
            ReportProgress(settings.Species, plan, beamOn + check, effects, counted);
            if (!shutterOpen)
            {
                break;
            }

            if (counted.All(c => c >= plan.Events))
            {
                await beam.SetShutterOpenAsync(false, cancellationToken);
                break;
            }

            // Rates are per beam-on time: recoveries close the shutter, so bench time since opening overstates it.
            beamOn += check;
            var remaining = TimeSpan.FromSeconds((plan.Fluence.SiValue / plan.Flux.SiValue) - beamOn.TotalSeconds);
            if (remaining <= TimeSpan.Zero)
            {
                // The flux delivered less than planned: ask the beam how much is left rather than poll blindly.
                remaining = TimeSpan.FromSeconds(Math.Max(plan.Fluence.SiValue - await beam.MeasureFluenceAsync(cancellationToken), 0) / plan.Flux.SiValue);
            }

            check = NextCheck(check, beamOn, remaining, plan, counted, counters.FunctionalInterrupts - before.FunctionalInterrupts);
        }

        await RecordAsync(settings, ion, energy, tilt, effects, before, latchupsBefore, cancellationToken);
        RecordLatchups(settings, energy, tilt, latchupsBefore, tripsBefore);
    }

    /// <summary>
    /// Records the particle's range in silicon with its species and energy; judged, when the scenario states the
    /// sensitive volume's depth, against that depth along the tilted path (depth ÷ cos θ): ions that stop short of
    /// the sensitive volume would under-count its events (ECSS-E-ST-10-12C §9.4.2).
    /// </summary>
    private void RecordRange(BeamSettings settings, Quantity range, Quantity particleEnergy, Quantity tilt)
    {
        var micrometres = Units.Parse("µm");
        var limit = SensitiveDepth is { } depth ? Limit.AtLeast(new Quantity(depth.ConvertTo(micrometres).Value / Math.Cos(tilt.SiValue), micrometres)) : null;
        results.Measure($"{settings.Species} range in silicon", range, limit, BenchRoles.ParticleBeam, Beam.InstrumentLabel,
            new Dictionary<string, Quantity>(StringComparer.Ordinal)
            {
                ["particle energy"] = particleEnergy,
                [WellKnownConditions.LinearEnergyTransfer] = Quantity.FromSi(settings.LinearEnergyTransfer, Units.Parse("MeV·cm²/mg")),
                ["tilt angle"] = tilt.ConvertTo(Units.Parse("°")),
            },
            SensitiveDepth is { } stated ? LimitSources.Decision($"the sensitive volume's depth, {stated}, stated by the scenario, along the path at {tilt.ConvertTo(Units.Parse("°"))} (ECSS-E-ST-10-12C §9.4.2: the ion's range covers the whole sensitive volume)") : null);
    }

    /// <summary>
    /// Records the latch-ups of the run just ended, judged: the watch's, and the latch-up interlock's trips that the
    /// watch did not catch (one latch-up seen by both counts once). Not a latch-up test: at most none.
    /// </summary>
    private void RecordLatchups(BeamSettings settings, Quantity? energy, Quantity tilt, int latchupsBefore, int tripsBefore)
    {
        var watched = Latchups.Skip(latchupsBefore).ToList();
        var window = Watch is { } w ? w.Response + w.Off : TimeSpan.Zero;
        var tripped = bench.Safety.Trips.Skip(tripsBefore)
            .Where(t => t.Kind == Bench.Definitions.InterlockKind.Latchup && !watched.Any(l => (t.DetectedAt - l.At).Duration() <= window))
            .ToList();
        var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            ["caught by the latch-up interlock"] = new(tripped.Count, Units.One),
            ["caught by the latch-up watch"] = new(watched.Count, Units.One),
        };
        if (energy is { } e)
        {
            conditions["proton energy"] = e.ConvertTo(Units.Parse("MeV"));
        }
        else
        {
            conditions["LET"] = Quantity.FromSi(settings.LinearEnergyTransfer, Units.Parse("MeV·cm²/mg"));
            conditions["tilt angle"] = tilt.ConvertTo(Units.Parse("°"));
        }

        foreach (var rail in Watch?.Rails ?? [])
        {
            conditions[$"on the {rail.Rail} rail"] = new(watched.Count(l => l.Rail == rail.Rail), Units.One);
        }

        LatchupsCounted += watched.Count + tripped.Count;
        var count = new Quantity(watched.Count + tripped.Count, Units.One);
        if (Watch is null)
        {
            results.Measure("latch-ups in the beam run", count, Limit.AtMost(new Quantity(0, Units.One)), BenchRoles.LatchupMonitor, null, conditions, NoLatchupDecision);
        }
        else
        {
            // A latch-up test: its own step judges the count against the limit the scenario states.
            results.Measure("latch-ups in the beam run", count, null, BenchRoles.LatchupMonitor, null, conditions);
        }
    }

    /// <summary>
    /// Grows the check interval geometrically from 1 ms while nothing is known, then keeps it a quarter of the
    /// beam-on time to the fluence end and of the time the slowest effect still short of the event count needs to
    /// reach it, and a tenth of the mean time between functional interrupts (so a hung DUT wastes little
    /// fluence); never longer than 10 s, nor than half the latch-up response time.
    /// </summary>
    private TimeSpan NextCheck(TimeSpan previous, TimeSpan open, TimeSpan remaining, BeamRunPlan plan, List<long> counted, long interrupts)
    {
        var seconds = Math.Min(previous.TotalSeconds * 2, LongestCheck.TotalSeconds);
        seconds = Math.Min(seconds, Math.Max(remaining.TotalSeconds, 0) / 4);
        if (open.TotalSeconds > 0)
        {
            // The run ends when the last effect reaches the count: the slowest one still short of it sets the pace.
            var toCount = counted.Where(c => c > 0 && c < plan.Events).Select(c => (plan.Events - c) / (c / open.TotalSeconds)).DefaultIfEmpty(double.PositiveInfinity).Max();
            seconds = Math.Min(seconds, toCount / 4);
        }

        if (interrupts > 0)
        {
            seconds = Math.Min(seconds, open.TotalSeconds / interrupts / 10);
        }

        if (Watch is { } watch)
        {
            seconds = Math.Min(seconds, watch.Response.TotalSeconds / 2);
        }

        return TimeSpan.FromSeconds(Math.Max(seconds, FirstCheck.TotalSeconds));
    }

    /// <summary>Fluence by beam-on time at the planned flux, and the events counted against the count that ends the run.</summary>
    private void ReportProgress(string species, BeamRunPlan plan, TimeSpan beamOn, IReadOnlyList<SingleEventEffect> effects, List<long> counted)
    {
        var fluence = Math.Min(plan.Flux.SiValue * beamOn.TotalSeconds, plan.Fluence.SiValue);
        var gauges = new List<Results.Progress.ProgressGauge> { Results.Progress.ProgressGauge.Of("fluence", Quantity.FromSi(fluence, plan.Fluence.Unit), plan.Fluence, plan.Fluence.Unit) };
        gauges.AddRange(effects.Select((e, i) => new Results.Progress.ProgressGauge(Plural(e), counted[i], plan.Events, "")));
        progress.Report($"{(species.Length > 2 ? species.ToLowerInvariant() : species)} run at {plan.Flux}, until {plan.Fluence} or {plan.Events} events", [.. gauges]);
    }

    private static string Plural(SingleEventEffect effect) => effect switch
    {
        SingleEventEffect.Upset => "upsets",
        SingleEventEffect.FunctionalInterrupt => "functional interrupts",
        SingleEventEffect.SilentDataCorruption => "data corruptions",
        _ => "latch-ups",
    };

    private long Count(SingleEventEffect effect, DutEventCounters before, DutEventCounters now, int latchupsBefore) => effect switch
    {
        SingleEventEffect.Upset => now.Upsets - before.Upsets,
        SingleEventEffect.FunctionalInterrupt => now.FunctionalInterrupts - before.FunctionalInterrupts,
        SingleEventEffect.SilentDataCorruption => now.Mismatches - before.Mismatches,
        _ => Latchups.Count - latchupsBefore,
    };

    private async Task<bool> FluenceLeftAsync(BeamRunPlan plan, CancellationToken cancellationToken) =>
        await Beam.Instrument.MeasureFluenceAsync(cancellationToken) < plan.Fluence.SiValue * (1 - 1e-9);

    /// <summary>
    /// Reads every watched rail's current (and the source-measure unit's trip flag where the rail has one): a rail at its
    /// trip, or a micro-latch (a step above its current before irradiation, below the trip, still there at the next
    /// reading), closes the shutter, switches the latched rail off then the others, records the latch-up on that rail
    /// (current, response time), holds the DUT off, switches it on and waits for it to boot.
    /// </summary>
    private async Task<bool> WatchLatchupAsync(LatchupWatch watch, DateTimeOffset lastClear, CancellationToken cancellationToken)
    {
        foreach (var rail in watch.Rails)
        {
            var source = rails.Source(rail.Rail);
            if (!_latchupTraces.TryGetValue(rail.Rail, out var trace))
            {
                trace = results.StartTimeSeries($"{rail.Rail} rail current", Units.Ampere, source.Role, source.Instrument);
                _latchupTraces[rail.Rail] = trace;
            }

            var (amperes, inLimit) = await source.MeasureCurrentAndLimitAsync(cancellationToken);
            trace.Append(new Quantity(amperes, Units.Ampere));
            var micro = false;
            if (!rail.AtTrip(amperes) && !inLimit)
            {
                // A micro-latch holds the rail below the trip: a step above the current before irradiation that is
                // still there at the next reading (a single reading may be a transient).
                if (watch.MicroLatchStepAmperes is not { } step || amperes - rail.BaselineAmperes <= step)
                {
                    _stepSeen.Remove(rail.Rail);
                    continue;
                }

                if (!_stepSeen.ContainsKey(rail.Rail))
                {
                    _stepSeen[rail.Rail] = bench.Clock.GetUtcNow();
                    continue;
                }

                micro = true;
            }

            await PowerCycleAsync(watch, rail, source, amperes, micro, micro ? _stepSeen[rail.Rail] : lastClear, trace, cancellationToken);
            return true;
        }

        return false;
    }

    private async Task PowerCycleAsync(
        LatchupWatch watch, RailWatch rail, RailSource source, double amperes, bool micro, DateTimeOffset since, SeriesRecorder trace, CancellationToken cancellationToken)
    {
        var detected = bench.Clock.GetUtcNow();
        await source.SetOutputAsync(false, cancellationToken);
        var response = bench.Clock.GetUtcNow() - since;
        await Beam.Instrument.SetShutterOpenAsync(false, cancellationToken);
        await rails.OffAsync(cancellationToken);
        _stepSeen.Clear();
        Latchups.Add(new LatchupEvent(detected, rail.Rail, amperes, response, micro));
        trace.Append(new Quantity(await source.MeasureCurrentAsync(cancellationToken), Units.Ampere));
        results.RecordEvent(BenchEventKind.SingleEventLatchup, source.Role,
            micro
                ? $"Micro-latch on the {rail.Rail} rail: it held {amperes * 1e3:0.#} mA, {(amperes - rail.BaselineAmperes) * 1e3:0.#} mA above its current before irradiation and below the {rail.TripAmperes * 1e3:0.#} mA trip; switched off within {response.TotalMilliseconds:0.#} ms of the step."
                : $"Latch-up on the {rail.Rail} rail: it ran into the {rail.TripAmperes * 1e3:0.#} mA limit at {amperes * 1e3:0.#} mA; switched off within {response.TotalMilliseconds:0.#} ms.",
            new Dictionary<string, Quantity>
            {
                ["rail current"] = new Quantity(amperes * 1e3, Units.Milliampere),
                ["response time"] = new Quantity(response.TotalMilliseconds, Units.Millisecond),
            });
        await bench.WaitAsync(watch.Off, cancellationToken);
        foreach (var each in rails.Sources)
        {
            await each.SetOutputAsync(true, cancellationToken);
        }

        await rails.WaitForBootAsync(cancellationToken);
        await RestartWorkloadAsync(cancellationToken);
    }

    /// <summary>Recovers a hung DUT: soft reset first, a power cycle of every rail if that does not bring it back; records each functional interrupt.</summary>
    private async Task RecoverAsync(long interrupts, CancellationToken cancellationToken)
    {
        var agent = Agent.Instrument;
        string how;
        if (await agent.GetStatusAsync(cancellationToken) == DutStatus.Off)
        {
            // A rail is off: an interlock is cycling it (a latch-up on another rail); give it back its power-off time.
            await bench.WaitUntilAsync(async ct => await agent.GetStatusAsync(ct) != DutStatus.Off, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2), cancellationToken);
        }

        if (await agent.ResetAsync(cancellationToken))
        {
            how = "a soft reset";
        }
        else
        {
            await rails.OffAsync(cancellationToken);
            await bench.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            foreach (var source in rails.Sources)
            {
                await source.SetOutputAsync(true, cancellationToken);
            }

            how = "a power cycle (a soft reset did not recover it)";
        }

        await rails.WaitForBootAsync(cancellationToken);
        await RestartWorkloadAsync(cancellationToken);
        results.RecordEvent(BenchEventKind.SingleEventFunctionalInterrupt, BenchRoles.Dut,
            $"Functional interrupt{(interrupts > 1 ? $"s ({interrupts})" : "")}: the DUT stopped responding and was recovered by {how}.");
    }

    private async Task RestartWorkloadAsync(CancellationToken cancellationToken)
    {
        if (workload.Workload is { } running)
        {
            await Agent.Instrument.StartWorkloadAsync(running, cancellationToken);
        }
    }

    private async Task RecordAsync(BeamSettings settings, string ion, Quantity? energy, Quantity tilt, IReadOnlyList<SingleEventEffect> effects, DutEventCounters before, int latchupsBefore, CancellationToken cancellationToken)
    {
        var fluence = Quantity.FromSi(await Beam.Instrument.MeasureFluenceAsync(cancellationToken), Units.Parse("ions/cm²"));
        var dose = Quantity.FromSi(await Beam.Instrument.MeasureDoseAsync(cancellationToken), Units.Parse("krad(Si)"));
        DoseDeposited = Quantity.FromSi(DoseDeposited.SiValue + dose.SiValue, DoseDeposited.Unit);
        var after = await Agent.Instrument.ReadCountersAsync(cancellationToken);
        var let = Quantity.FromSi(settings.LinearEnergyTransfer, Units.Parse("MeV·cm²/mg"));
        var bits = bench.Dut.Physics?.SingleEvents?.UpsetBits is > 0 and var b ? (long)b : (long?)null;
        var inferences = after.Inferences - before.Inferences;
        foreach (var effect in effects)
        {
            var exposure = new BeamExposure(effect, ion, energy is not null, let, tilt, energy, fluence, Count(effect, before, after, latchupsBefore),
                effect == SingleEventEffect.Upset ? bits : null, inferences) { FluenceUncertainty = FluenceUncertainty() };
            Exposures.Add(exposure);
            SingleEventRecords.Record(results, exposure, workload.Workload, Beam.InstrumentLabel);
        }

        if (!effects.Contains(SingleEventEffect.FunctionalInterrupt))
        {
            IncidentalInterrupts.Judge(results, bench.Dut, new BeamExposure(SingleEventEffect.FunctionalInterrupt, ion, energy is not null, let, tilt, energy, fluence,
                after.FunctionalInterrupts - before.FunctionalInterrupts, null, inferences));
        }

        results.Measure("dose deposited by the beam", dose, null, BenchRoles.ParticleBeam, Beam.InstrumentLabel,
            energy is { } e
                ? new Dictionary<string, Quantity> { ["proton energy"] = e.ConvertTo(Units.Parse("MeV")) }
                : new Dictionary<string, Quantity> { [WellKnownConditions.LinearEnergyTransfer] = let });
    }

    /// <summary>
    /// The beam's fluence uncertainty as a ratio (k = 1) from the bench file's calibration record of the beam
    /// instrument (the facility's beam characterisation); once per scenario a deviation says when it is missing.
    /// </summary>
    private Quantity? FluenceUncertainty()
    {
        if (Beam.Definition.CalibrationUncertainty is { } stated)
        {
            return stated.Unit.Symbol is "%" or "" or "1"
                ? new Quantity(stated.SiValue, Units.One)
                : throw new BenchConfigurationException(bench.Definition.File, $"$.instruments.{Beam.Definition.Id}.calibrationUncertainty",
                    $"a beam's fluence uncertainty is a ratio (e.g. \"10 %\"), not '{stated}'.");
        }

        if (!_missingUncertaintyNoted)
        {
            _missingUncertaintyNoted = true;
            results.RecordEvent(BenchEventKind.Deviation, BenchRoles.ParticleBeam,
                $"The bench file states no fluence uncertainty for the beam ({Beam.InstrumentLabel}): cross-section intervals cannot include the dosimetry uncertainty. " +
                "Add \"calibrationUncertainty\" (the facility's beam characterisation, e.g. \"10 %\") to the instrument in the bench file.");
        }

        return null;
    }

    private static string Let(double si) => Quantity.FromSi(si, Units.Parse("MeV·cm²/mg")).ToString("0.##");
}
