using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps for the DUT's optical inter-satellite link terminal (CCSDS 141.0-B-1): the emulated channel (range and its
/// link budget, Doppler, fading, pointing), the received power the budget delivers, acquisition, bit-error gates and the BER waterfall down to
/// the sensitivity at the target bit error ratio, the line rate and the one-way latency.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.OpticalAttenuator)]
[RequiresRole(BenchRoles.BitErrorTester)]
[RequiresRole(BenchRoles.Dut)]
public sealed class OpticalLinkSteps(BenchSession bench, ScenarioRecorder results, OpticalPath path) : IReestablishOnResume
{
    private const double SpeedOfLight = 299_792_458;
    private readonly List<BitErrorCount> _waterfall = [];
    private DateTimeOffset? _opened;
    private bool _acquired;

    /// <summary>
    /// A resumed scenario whose shutter a completed step had opened: the resume's safe state power-cycled the DUT, so its
    /// terminal searches again from no light. Once the DUT is up, the shutter is opened again as the step opened it (the
    /// terminal's search restarted first: <see cref="OpticalPath.OpenForAcquisitionAsync"/>; the shutter is not a setting a
    /// resume replays) and the acquisition's time zero is that opening; a link the scenario had acquired is waited for
    /// until it locks again. Nothing is measured.
    /// </summary>
    public async Task ReestablishAsync(DateTimeOffset settingsRestoredAt, CancellationToken cancellationToken)
    {
        if (_opened is null)
        {
            return;
        }

        await DutRails.WaitUntilUpAsync(bench, cancellationToken);
        _opened = await path.OpenForAcquisitionAsync(cancellationToken);
        if (_acquired)
        {
            await path.WaitForLockAsync(DutRails.BootTimeout, cancellationToken);
        }
    }

    /// <summary>
    /// Sets the emulator to a clear link of this range between two terminals like the DUT (space to space): its delay
    /// range/c, the link budget of both telescopes (the DUT profile's aperture) over the range, no atmosphere, no Doppler,
    /// no fading, no pointing error.
    /// </summary>
    [Given("the link emulator emulates a clear {distance} link")]
    [StepExample("Given the link emulator emulates a clear 40000 km link")]
    [RequiresRole(BenchRoles.LinkEmulator)]
    public Task ClearLink(Distance range) => ClearLinkTo(range, null, null);

    /// <summary>
    /// Sets the emulator to a clear link of this range from the DUT to a far terminal of the given telescope diameter
    /// (a ground station), through the given atmospheric loss: the link budget's receive gain is the far telescope's, and
    /// the atmosphere enters the budget; otherwise as the clear link.
    /// </summary>
    [Given("the link emulator emulates a clear {distance} link to a {distance} telescope through {ratio} of atmospheric loss")]
    [StepExample("Given the link emulator emulates a clear 40741 km link to a 40 cm telescope through 3 dB of atmospheric loss")]
    [RequiresRole(BenchRoles.LinkEmulator)]
    public Task ClearLinkToTelescope(Distance range, Distance farAperture, Ratio atmosphere) => ClearLinkTo(range, farAperture, atmosphere);

    private async Task ClearLinkTo(Distance range, Distance? farAperture, Ratio? atmosphere)
    {
        var terminal = bench.Dut.Physics?.OpticalTerminal;
        var aperture = terminal?.ApertureMetres
            ?? throw new InvalidOperationException($"The DUT profile {Path.GetFileName(bench.Dut.File)} states no opticalTerminal.apertureDiameter: the link budget needs the DUT's telescope.");
        var lossDecibels = atmosphere is null ? 0 : Math.Abs(atmosphere.Unit.Symbol == "dB" ? atmosphere.Value : 10 * Math.Log10(atmosphere.SiValue));
        await path.Emulator.SetRangeAsync(range.SiValue);
        await path.Emulator.SetLinkBudgetAsync(terminal.WavelengthMetres, aperture, farAperture?.SiValue ?? aperture, lossDecibels);
        await path.Emulator.SetDopplerShiftAsync(0);
        await path.Emulator.SetDopplerRateAsync(0);
        await path.Emulator.SetFadingAsync(FadingProfile.None);
        await path.Emulator.SetPointingErrorAsync(0, 0);
    }

    /// <summary>Shifts the carrier by the Doppler shift of the relative motion.</summary>
    [Given("the link emulator adds a Doppler shift of {frequency}")]
    [StepExample("Given the link emulator adds a Doppler shift of 5 GHz")]
    [RequiresRole(BenchRoles.LinkEmulator)]
    public Task Doppler(Frequency shift) => path.Emulator.SetDopplerShiftAsync(shift.SiValue);

    /// <summary>
    /// Makes the Doppler shift change at a rate, as it does over a pass (the shift set goes on changing from now): the
    /// terminal must follow the rate as well as the offset.
    /// </summary>
    [Given("the link emulator changes the Doppler shift at {frequency-rate}")]
    [StepExample("Given the link emulator changes the Doppler shift at 20 MHz/s")]
    [RequiresRole(BenchRoles.LinkEmulator)]
    public Task DopplerRate(FrequencyRate rate) => path.Emulator.SetDopplerRateAsync(rate.SiValue);

    /// <summary>Adds scintillation: a unit-mean intensity fluctuation of the given statistics, index σI² and correlation time.</summary>
    [Given("the link emulator adds {fading} fading of scintillation index {ratio} with a correlation time of {duration}")]
    [StepExample("Given the link emulator adds log-normal fading of scintillation index 0.1 with a correlation time of 5 ms")]
    [RequiresRole(BenchRoles.LinkEmulator)]
    public Task Fading(FadingKind kind, Ratio index, Duration correlation) =>
        path.Emulator.SetFadingAsync(new FadingProfile(kind, index.SiValue, correlation.SiValue));

    /// <summary>Adds pointing error: Gaussian jitter (rms per axis) around a bias; its mean loss is recorded.</summary>
    [Given("the link emulator adds pointing jitter of {angle} rms around a bias of {angle}")]
    [StepExample("Given the link emulator adds pointing jitter of 2 µrad rms around a bias of 1 µrad")]
    [RequiresRole(BenchRoles.LinkEmulator)]
    public async Task Pointing(Angle jitter, Angle bias)
    {
        await path.Emulator.SetPointingErrorAsync(jitter.SiValue, bias.SiValue);
        results.Measure("mean pointing loss", new Quantity(await path.Emulator.GetMeanPointingLossAsync(), Units.Decibel), null, BenchRoles.LinkEmulator, null,
            new Dictionary<string, Quantity> { ["pointing jitter"] = jitter, ["pointing bias"] = bias });
    }

    /// <summary>Sets the pattern on the generator and the error detector, and the bit error ratio the link must reach.</summary>
    [Given("the bit-error tester sends and checks PRBS {int} against a target bit error ratio of {ratio}")]
    [StepExample("Given the bit-error tester sends and checks PRBS 31 against a target bit error ratio of 1e-9")]
    public async Task Pattern(int length, Ratio target)
    {
        await path.Tester.Instrument.SetPrbsPatternAsync(length);
        path.TargetBitErrorRatio = target.SiValue;
    }

    /// <summary>Sets the received power with the shutter still closed, then opens it: the acquisition starts from no light, the terminal's search restarted as the shutter opens.</summary>
    [When("the optical attenuator opens its shutter at a received power of {power-level}")]
    [StepExample("When the optical attenuator opens its shutter at a received power of -45 dBm")]
    public async Task Open(PowerLevel power)
    {
        await path.ShutterAsync(false);
        await path.HoldReceivedPowerAsync(power);
        _opened = await path.OpenForAcquisitionAsync();
    }

    /// <summary>
    /// Opens the shutter on the power the link budget delivers: the attenuator at no attenuation beyond its insertion loss,
    /// the shutter closed first so the acquisition starts from no light (the terminal's search restarted as it opens). The budget's terms (the transmitted power the
    /// emulator measures at its input, both gains, the free-space loss of the range, pointing and atmosphere), the power
    /// they predict and the received power the attenuator's meter reads are recorded.
    /// </summary>
    [When("the optical attenuator opens its shutter on the link budget's received power")]
    [StepExample("When the optical attenuator opens its shutter on the link budget's received power")]
    [RequiresRole(BenchRoles.LinkEmulator)]
    public async Task OpenOnBudget()
    {
        await path.ShutterAsync(false);
        await path.Attenuator.Instrument.SetOutputPowerAsync(path.Attenuator.Channel, null);
        await path.Attenuator.Instrument.SetAttenuationAsync(path.Attenuator.Channel, 0);
        _opened = await path.OpenForAcquisitionAsync();
        await RecordBudgetAsync();
    }

    /// <summary>Records the link budget term by term, the received power it predicts, and the received power metered beside it.</summary>
    private async Task RecordBudgetAsync()
    {
        var budget = await path.Emulator.GetLinkBudgetAsync();
        var transmitted = await path.Emulator.MeasureInputPowerAsync();
        var emulation = await path.Emulator.GetEmulationAsync();
        var transmittedDbm = transmitted > 0 ? (10 * Math.Log10(transmitted)) + 30 : double.NegativeInfinity;
        var range = Quantity.FromSi(emulation.OneWayDelaySeconds * SpeedOfLight, Units.Parse("km"));
        var decibels = Units.Decibel;
        var terms = new (string Name, double Value)[]
        {
            ("link budget: transmit gain", budget.TransmitGainDecibels),
            ("link budget: receive gain", budget.ReceiveGainDecibels),
            ("link budget: free-space loss", budget.FreeSpaceLossDecibels),
            ("link budget: pointing loss", budget.PointingLossDecibels),
            ("link budget: atmospheric loss", budget.AtmosphericLossDecibels),
        };
        results.Measure("link budget: transmitted power", new Quantity(transmittedDbm, Units.DecibelMilliwatt), null, BenchRoles.LinkEmulator, null,
            new Dictionary<string, Quantity> { ["range"] = range });
        foreach (var (name, value) in terms)
        {
            results.Measure(name, new Quantity(value, decibels), null, BenchRoles.LinkEmulator, null, new Dictionary<string, Quantity> { ["range"] = range });
        }

        var predicted = transmittedDbm + budget.TotalDecibels;
        results.Measure("link budget: received power", new Quantity(predicted, Units.DecibelMilliwatt), null, BenchRoles.LinkEmulator, null,
            new Dictionary<string, Quantity>
            {
                ["range"] = range,
                ["link budget total"] = new(budget.TotalDecibels, decibels),
                ["received power metered after the attenuator's insertion loss"] = await path.MeasureReceivedPowerAsync(),
                ["attenuator setting"] = new(await path.Attenuator.Instrument.GetAttenuationAsync(path.Attenuator.Channel), decibels),
            });
    }

    /// <summary>Waits for the terminal to lock and judges the time from the shutter opening (and records the terminal's own acquisition time).</summary>
    [Then("the terminal acquires the link within {duration}")]
    [StepExample("Then the terminal acquires the link within 10 s")]
    public Task Acquires(Duration longest) => AcquiresFrom(longest, asReported: false, null);

    /// <summary>
    /// Waits for the terminal to lock and judges the acquisition time as the terminal itself reports it (its
    /// telemetry), the time the bench measured from the shutter opening (to its 100 ms poll) recorded beside it;
    /// a terminal that reports none is judged on the bench's time, and the report says so. The report names the
    /// limit's source.
    /// </summary>
    [Then("the terminal reports acquiring the link within {duration}, a limit from {string}")]
    [StepExample("Then the terminal reports acquiring the link within 10 s, a limit from \"the terminal specification (DUT profile acquisitionTime)\"")]
    public Task AcquiresAsReported(Duration longest, string source) => AcquiresFrom(longest, asReported: true, source);

    private async Task AcquiresFrom(Duration longest, bool asReported, string? source)
    {
        var opened = _opened ?? throw new InvalidOperationException("The optical attenuator's shutter has not been opened in this scenario.");
        var limit = TimeSpan.FromSeconds(longest.SiValue);
        var locked = await path.WaitForLockAsync(limit + TimeSpan.FromSeconds(1));
        // Without lock the time waited is recorded: a lower bound on the acquisition time, beyond the limit.
        var took = (bench.Clock.GetUtcNow() - opened).TotalSeconds;
        var conditions = new Dictionary<string, Quantity> { [WellKnownConditions.ReceivedOpticalPower] = await path.MeasureReceivedPowerAsync() };
        _acquired = locked is not null;
        var judged = took;
        if (locked is null)
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"The terminal did not lock within {longest}: it reports {await path.Agent.Instrument.GetLinkStateAsync()}.");
        }
        else if (await path.Agent.Instrument.GetLastAcquisitionTimeAsync() is { } own)
        {
            if (asReported)
            {
                judged = own;
                conditions["time from the shutter opening, measured by the bench"] = new Quantity(took, Units.Second);
            }
            else
            {
                conditions["acquisition time the terminal reports"] = new Quantity(own, Units.Second);
            }
        }
        else if (asReported)
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, "The terminal reports no acquisition time: the time from the shutter opening, measured by the bench, is judged instead.");
        }

        results.Measure("link acquisition time", new Quantity(judged, Units.Second), Limit.AtMost(longest.ConvertTo(Units.Second)), BenchRoles.Dut, path.Agent.InstrumentLabel, conditions, LimitSources.DecisionIfStated(source));
    }

    /// <summary>
    /// Runs one bit-error gate on the locked link and judges its bit error ratio on its one-sided 95 % Poisson
    /// bounds: 0 errors in n bits demonstrate at best 3.0/n (a 10 s gate at 1 Gbps shows 3.0e-10, not 1e-12, which
    /// needs 3.0e12 bits), so a gate too short for its limit is Inconclusive, with the bits needed.
    /// </summary>
    [Then("the bit error ratio over a {duration} gate is at most {ratio}")]
    [StepExample("Then the bit error ratio over a 10 s gate is at most 1e-9")]
    public Task BitErrorRatio(Duration gate, Ratio limit) => BitErrorRatioFrom(gate, limit, null);

    /// <summary>One bit-error gate judged as <see cref="BitErrorRatio"/> does, the report naming where the limit comes from.</summary>
    [Then("the bit error ratio over a {duration} gate is at most {ratio}, a limit from {string}")]
    [StepExample("Then the bit error ratio over a 10 s gate is at most 1e-9, a limit from \"the terminal specification\"")]
    public Task BitErrorRatioWithSource(Duration gate, Ratio limit, string source) => BitErrorRatioFrom(gate, limit, source);

    private async Task BitErrorRatioFrom(Duration gate, Ratio limit, string? source)
    {
        var power = await path.MeasureReceivedPowerAsync();
        var result = await path.GateAsync(TimeSpan.FromSeconds(gate.SiValue));
        var bits = result.Bits ?? 0;
        var errors = result.Errors ?? 0;
        // Not a waterfall point: a single gate under this scenario's channel, so not under the BER conditions the report fits.
        results.Measure("bit errors in a gate", new Quantity(errors, Units.One), null, BenchRoles.BitErrorTester, path.Tester.InstrumentLabel,
            new Dictionary<string, Quantity> { ["received power"] = power, ["bits counted"] = new(bits, Units.One) });
        if (bits <= 0)
        {
            // No recovered clock, no bits: the tester cannot say anything about the ratio, and that fails the link.
            results.Measure("bits counted", new Quantity(0, Units.One), Limit.AtLeast(new Quantity(1, Units.One)), BenchRoles.BitErrorTester, path.Tester.InstrumentLabel).StopIfFailed();
        }

        var rate = new CountedRate(errors, bits, Units.One, "errors", n => $"{n:0.##e+0} bits");
        results.MeasureCountedRate("bit error ratio", rate, Limit.AtMost(limit), BenchRoles.BitErrorTester, path.Tester.InstrumentLabel,
            new Dictionary<string, Quantity> { [WellKnownConditions.ReceivedOpticalPower] = power, ["bits counted"] = new(bits, Units.One) }, source);
    }

    /// <summary>
    /// Judges the line rate the bit-error tester clocked in the last gate: the whole bits it counted divided by the gate's
    /// duration (the tester's own gating period, whole seconds), both exact, so a link clocking exactly the limit meets
    /// it. The count's resolution is one bit per gate (a counter's ±1 count: 0.1 bit/s over a 10 s gate), stated with
    /// the measurement; the reading is judged by simple acceptance, with no tolerance added.
    /// </summary>
    [Then("the link carries at least {data-rate}")]
    [StepExample("Then the link carries at least 1 Gbps")]
    public void LineRate(DataRate rate) => LineRateFrom(rate, null);

    /// <summary>Judges the line rate as <see cref="LineRate"/> does, the report naming where the limit comes from.</summary>
    [Then("the link carries at least {data-rate}, a limit from {string}")]
    [StepExample("Then the link carries at least 1 Gbps, a limit from \"the terminal specification\"")]
    public void LineRateWithSource(DataRate rate, string source) => LineRateFrom(rate, source);

    private void LineRateFrom(DataRate rate, string? source)
    {
        var (result, gate) = path.LastGate ?? throw new InvalidOperationException("No bit-error gate has run in this scenario.");
        var bits = result.Bits ?? 0;
        results.Measure("line rate", Quantity.FromSi(bits / gate.TotalSeconds, Units.Parse("Gbps")), Limit.AtLeast(rate),
            BenchRoles.BitErrorTester, path.Tester.InstrumentLabel,
            new Dictionary<string, Quantity>
            {
                ["bits counted"] = new(bits, Units.One),
                ["gate"] = new(gate.TotalSeconds, Units.Second),
                ["line rate resolution"] = Quantity.FromSi(1 / gate.TotalSeconds, Units.BitPerSecond),
            }, LimitSources.DecisionIfStated(source));
    }

    /// <summary>Judges the one-way frame latency the terminal reports on the locked link (path delay plus processing).</summary>
    [Then("the one-way latency is at most {duration}")]
    [StepExample("Then the one-way latency is at most 134 ms")]
    [RequiresRole(BenchRoles.LinkEmulator)]
    public Task Latency(Duration longest) => LatencyFrom(longest, null);

    /// <summary>Judges the one-way latency as <see cref="Latency"/> does, the report naming where the limit comes from.</summary>
    [Then("the one-way latency is at most {duration}, a limit from {string}")]
    [StepExample("Then the one-way latency is at most 136 ms, a limit from \"the terminal specification: 40,741 km path (135.9 ms) plus processing\"")]
    [RequiresRole(BenchRoles.LinkEmulator)]
    public Task LatencyWithSource(Duration longest, string source) => LatencyFrom(longest, source);

    private async Task LatencyFrom(Duration longest, string? source)
    {
        var emulation = await path.Emulator.GetEmulationAsync();
        var latency = await path.Agent.Instrument.MeasureLinkLatencyAsync();
        results.Measure("one-way latency", Quantity.FromSi(latency, Units.Millisecond), Limit.AtMost(longest.ConvertTo(Units.Millisecond)), BenchRoles.Dut, path.Agent.InstrumentLabel,
            new Dictionary<string, Quantity>
            {
                ["emulated path delay"] = Quantity.FromSi(emulation.OneWayDelaySeconds, Units.Millisecond),
                ["range"] = Quantity.FromSi(emulation.OneWayDelaySeconds * SpeedOfLight, Units.Parse("km")),
            }, LimitSources.DecisionIfStated(source));
    }

    /// <summary>
    /// The BER waterfall: from the start power down in steps, one gate per point once the terminal is locked,
    /// until the bit error ratio exceeds the stop ratio or the power reaches the lowest. Every point is recorded
    /// under the well-known BER conditions (received power, bits compared, the power meter's calibration
    /// uncertainty from the bench file), so the report fits the waterfall. A point whose power the attenuator
    /// cannot reach (the end of its range) is a deviation, never a measured point.
    /// </summary>
    [When("the bit error ratio is measured from {power-level} down in {ratio} steps, gating {duration} per point, until it exceeds {ratio} or the power reaches {power-level}")]
    [StepExample("When the bit error ratio is measured from -25 dBm down in 1 dB steps, gating 10 s per point, until it exceeds 1e-4 or the power reaches -60 dBm")]
    public async Task Waterfall(PowerLevel start, Ratio step, Duration gate, Ratio stopRatio, PowerLevel lowest)
    {
        await path.ShutterAsync(true);
        var stepDb = step.Unit.Symbol == "dB" ? step.Value : 10 * Math.Log10(step.SiValue);
        // A point counts as reached within half a step (and never looser than 0.5 dB): the power-control loop
        // settles far closer than that, so a larger miss means the attenuator could not go where it was told.
        var reach = Math.Min(0.5, Math.Abs(stepDb) / 2);
        var uncertainty = path.PowerMeterUncertainty;
        if (uncertainty is null)
        {
            results.RecordEvent(BenchEventKind.Deviation, BenchRoles.OpticalAttenuator,
                $"The bench file states no calibration uncertainty for the optical attenuator's power meter ({path.Attenuator.InstrumentLabel}): " +
                "the waterfall's points carry none, and the sensitivity interval cannot include it. Add \"calibrationUncertainty\" (e.g. \"0.2 dB\") to the instrument in the bench file.");
        }

        for (var dbm = start.In(Units.DecibelMilliwatt); dbm >= lowest.In(Units.DecibelMilliwatt) - 1e-9; dbm -= Math.Abs(stepDb))
        {
            await path.HoldReceivedPowerAsync(new Quantity(dbm, Units.DecibelMilliwatt));
            if (await path.WaitForLockAsync(OpticalPath.AcquisitionTimeout) is null)
            {
                results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"The terminal lost the link at {dbm:0.#} dBm: the waterfall ends there.");
                break;
            }

            var power = await path.MeasureReceivedPowerAsync();
            var reached = power.In(Units.DecibelMilliwatt);
            if (Math.Abs(reached - dbm) > reach)
            {
                var attenuation = await path.Attenuator.Instrument.GetAttenuationAsync(path.Attenuator.Channel);
                results.RecordEvent(BenchEventKind.Deviation, BenchRoles.OpticalAttenuator,
                    $"Commanded {dbm:0.#} dBm, reached {reached:0.#} dBm: attenuator at the end of its range ({attenuation:0.##} dB); point not measured.",
                    new Dictionary<string, Quantity>(StringComparer.Ordinal)
                    {
                        ["commanded received power"] = new(dbm, Units.DecibelMilliwatt),
                        [WellKnownConditions.ReceivedOpticalPower] = power,
                        ["attenuation"] = new(attenuation, Units.Decibel),
                    });
                continue;
            }

            var result = await path.GateAsync(TimeSpan.FromSeconds(gate.SiValue));
            var bits = (long)(result.Bits ?? 0);
            if (bits == 0)
            {
                break;
            }

            var errors = result.Errors ?? 0;
            _waterfall.Add(new BitErrorCount(power, errors, bits));
            var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal)
            {
                [WellKnownConditions.ReceivedOpticalPower] = power,
                [WellKnownConditions.BitsCompared] = new(bits, Units.One),
                [WellKnownConditions.TargetBitErrorRatio] = new(path.TargetBitErrorRatio, Units.One),
            };
            if (uncertainty is { } u)
            {
                conditions[WellKnownConditions.ReceivedPowerUncertainty] = u;
            }

            results.Measure("bit errors", new Quantity(errors, Units.One), null, BenchRoles.BitErrorTester, path.Tester.InstrumentLabel, conditions);
            if ((double)errors / bits > stopRatio.SiValue)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Fits the waterfall by maximum likelihood on the error counts and judges the received power at which it
    /// reaches the target bit error ratio (with its 95 % interval recorded); a waterfall that cannot be fitted
    /// fails with the reason.
    /// </summary>
    [Then("the sensitivity at the target bit error ratio is at most {power-level}")]
    [StepExample("Then the sensitivity at the target bit error ratio is at most -45 dBm")]
    public void Sensitivity(PowerLevel limit) => SensitivityFrom(limit, null);

    /// <summary>Judges the sensitivity as <see cref="Sensitivity"/> does, the report naming where the limit comes from.</summary>
    [Then("the sensitivity at the target bit error ratio is at most {power-level}, a limit from {string}")]
    [StepExample("Then the sensitivity at the target bit error ratio is at most -45 dBm, a limit from \"the terminal specification\"")]
    public void SensitivityWithSource(PowerLevel limit, string source) => SensitivityFrom(limit, source);

    private void SensitivityFrom(PowerLevel limit, string? source)
    {
        if (_waterfall.Count == 0)
        {
            // No point measured (the terminal never locked, or every point was beyond the attenuator): there is no
            // sensitivity to state, not one of 0 dBm. The count of points is the judged result that says so.
            results.Measure("waterfall points measured", new Quantity(0, Units.One), Limit.AtLeast(new Quantity(1, Units.One)), BenchRoles.BitErrorTester, path.Tester.InstrumentLabel,
                new Dictionary<string, Quantity> { [WellKnownConditions.TargetBitErrorRatio] = new(path.TargetBitErrorRatio, Units.One) },
                "no sensitivity can be stated without a measured point: see the notes and deviations of the waterfall step").StopIfFailed();
        }

        var conditions = new Dictionary<string, Quantity> { [WellKnownConditions.TargetBitErrorRatio] = new(path.TargetBitErrorRatio, Units.One) };
        Quantity sensitivity;
        try
        {
            // The law follows the receiver (DUT profile), never a default: a DPSK terminal fitted with the OOK law
            // quotes a sensitivity from the wrong curve. The power meter's uncertainty widens the interval.
            var modulation = ReceiverLaw(bench);
            var fit = BitErrorRatioAnalysis.Fit(
                _waterfall, path.TargetBitErrorRatio, modulation: modulation,
                powerUncertaintyDecibels: path.PowerMeterUncertainty?.In(Units.Decibel) ?? 0);
            sensitivity = fit.Sensitivity.Value;
            conditions["95 % lower bound"] = new(fit.Sensitivity.Lower, sensitivity.Unit);
            conditions["95 % upper bound"] = new(fit.Sensitivity.Upper, sensitivity.Unit);
        }
        catch (AnalysisException e)
        {
            // Without a fit the points still bound the sensitivity: the lowest power that met the target, or
            // if none did, the highest power tested (the sensitivity is worse than that).
            var met = _waterfall.Where(p => (double)p.Errors / p.Bits <= path.TargetBitErrorRatio).Select(p => p.ReceivedPower.In(Units.DecibelMilliwatt)).ToList();
            var bound = met.Count > 0 ? met.Min() : _waterfall.Select(p => p.ReceivedPower.In(Units.DecibelMilliwatt)).DefaultIfEmpty(0).Max();
            results.RecordEvent(BenchEventKind.Note, BenchRoles.BitErrorTester,
                $"The BER waterfall could not be fitted ({e.Message}); the sensitivity is bounded by the measured points: {(met.Count > 0 ? "at most" : "worse than")} {bound:0.#} dBm.");
            sensitivity = new Quantity(bound, Units.DecibelMilliwatt);
            conditions["bounded by the measured points"] = new(1, Units.One);
        }

        results.Measure("receiver sensitivity", sensitivity, Limit.AtMost(limit), BenchRoles.BitErrorTester, path.Tester.InstrumentLabel, conditions, LimitSources.DecisionIfStated(source));
    }


    /// <summary>
    /// The BER law of the DUT's receiver from its profile's optical terminal; a profile without one cannot have a
    /// sensitivity judged, since no law would be the right one.
    /// </summary>
    private static ReceiverModulation ReceiverLaw(BenchSession bench) =>
        bench.Dut.Physics?.OpticalTerminal?.Modulation switch
        {
            OpticalModulation.OnOffKeying => ReceiverModulation.OnOffKeying,
            OpticalModulation.DifferentialPhaseShiftKeying => ReceiverModulation.DifferentialPhaseShiftKeying,
            OpticalModulation.HomodyneBinaryPhaseShiftKeying => ReceiverModulation.HomodyneBinaryPhaseShiftKeying,
            { } other => throw new InvalidOperationException($"The DUT profile's receiver modulation {other} has no BER law in the analysis: add one before judging a sensitivity."),
            null => throw new InvalidOperationException($"The DUT profile {bench.Dut.File} describes no optical terminal, so its receiver's BER law is unknown: add physics.opticalTerminal.modulation."),
        };
}
