using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// The DUT's optical path for one scenario: its transmitter, the link emulator (delay, Doppler, fading,
/// pointing), the optical attenuator (which sets and meters the received power) and its receiver, watched
/// by the bit-error tester. The attenuator's shutter is closed at power-on; the terminal must acquire the
/// link, taking its acquisition time, before a bit-error gate means anything.
/// </summary>
public sealed class OpticalPath(BenchSession bench, StepProgress progress)
{
    /// <summary>Longest wait for the terminal to lock when a step only needs the link up.</summary>
    public static TimeSpan AcquisitionTimeout { get; } = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan SettleAttenuator = TimeSpan.FromSeconds(1);

    /// <summary>The target bit error ratio of the scenario (the sensitivity is quoted at it).</summary>
    public double TargetBitErrorRatio { get; set; } = 1e-9;

    /// <summary>The bit-error result of the last gate, with its length.</summary>
    public (BitErrorResult Result, TimeSpan Gate)? LastGate { get; private set; }

    /// <summary>The attenuator role (its channel is the one in the DUT's path).</summary>
    public BenchRole<IOpticalAttenuator> Attenuator => bench.Role<IOpticalAttenuator>(BenchRoles.OpticalAttenuator);

    /// <summary>
    /// The standard uncertainty (k = 1, dB) of the attenuator's power meter as the bench file's calibration
    /// record states it (<c>calibrationUncertainty</c> of the instrument), or null if it states none.
    /// </summary>
    public Quantity? PowerMeterUncertainty => Attenuator.Definition.CalibrationUncertainty is { } u
        ? (u.Unit.Symbol == "dB" ? u : throw new BenchConfigurationException(bench.Definition.File, $"$.instruments.{Attenuator.Definition.Id}.calibrationUncertainty",
            $"an optical power meter's calibration uncertainty is in dB (e.g. \"0.2 dB\"), not '{u}'."))
        : null;

    /// <summary>The link emulator.</summary>
    public ILinkEmulator Emulator => bench.Role<ILinkEmulator>(BenchRoles.LinkEmulator).Instrument;

    /// <summary>The bit-error tester.</summary>
    public BenchRole<IBitErrorTester> Tester => bench.Role<IBitErrorTester>(BenchRoles.BitErrorTester);

    /// <summary>The DUT's agent (link state, acquisition time, latency).</summary>
    public BenchRole<IDutAgent> Agent => bench.Role<IDutAgent>(BenchRoles.Dut);

    /// <summary>Holds the received power by power control on the attenuator and lets it settle.</summary>
    public async Task HoldReceivedPowerAsync(Quantity power, CancellationToken cancellationToken = default)
    {
        await Attenuator.Instrument.SetOutputPowerAsync(Attenuator.Channel, power.SiValue, cancellationToken);
        await bench.WaitAsync(SettleAttenuator, cancellationToken);
    }

    /// <summary>Opens or closes the attenuator's shutter.</summary>
    public Task ShutterAsync(bool open, CancellationToken cancellationToken = default) =>
        Attenuator.Instrument.SetShutterOpenAsync(Attenuator.Channel, open, cancellationToken);

    /// <summary>
    /// Starts an acquisition from no light: the terminal restarts its search with the shutter still closed, then the
    /// shutter opens. The terminal times its acquisition from the start of its search, so without the restart its report
    /// would count the time it had searched in the dark since it came up — how long the bench took between noticing the
    /// boot (a 250 ms poll) and opening the shutter, not the terminal's acquisition. A resume's boot lands on another
    /// phase of that poll (0.25 s more in the report: 4.25 s for 4.00 s), so the start is made a defined one.
    /// Returns the bench time the shutter opened.
    /// </summary>
    public async Task<DateTimeOffset> OpenForAcquisitionAsync(CancellationToken cancellationToken = default)
    {
        await Agent.Instrument.AcquireLinkAsync(cancellationToken);
        await ShutterAsync(true, cancellationToken);
        return bench.Clock.GetUtcNow();
    }

    /// <summary>The received power the attenuator's meter reads (the mean: its averaging outlasts a fade).</summary>
    public async Task<Quantity> MeasureReceivedPowerAsync(CancellationToken cancellationToken = default) =>
        Quantity.FromSi(await Attenuator.Instrument.MeasureOutputPowerAsync(Attenuator.Channel, cancellationToken), Units.DecibelMilliwatt);

    /// <summary>Waits until the terminal reports lock, polling every 100 ms of bench time; returns the time waited, or null if it did not lock within <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan?> WaitForLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var started = bench.Clock.GetUtcNow();
        var locked = await bench.WaitUntilAsync(
            async ct => await Agent.Instrument.GetLinkStateAsync(ct) == OpticalLinkState.Locked, TimeSpan.FromMilliseconds(100), timeout, cancellationToken);
        return locked ? bench.Clock.GetUtcNow() - started : null;
    }

    /// <summary>Runs one timed bit-error gate (whole seconds) and returns its result.</summary>
    public async Task<BitErrorResult> GateAsync(TimeSpan gate, CancellationToken cancellationToken = default)
    {
        var whole = TimeSpan.FromSeconds(Math.Max(1, Math.Round(gate.TotalSeconds)));
        var lineRate = bench.Dut.Physics?.OpticalTerminal?.DataRateBitsPerSecond;
        progress.Report($"bit-error gate of {whole.TotalSeconds:0} s", lineRate is { } bitsPerSecond
            ? new Results.Progress.ProgressGauge("bits", 0, bitsPerSecond * whole.TotalSeconds, "bit", bitsPerSecond)
            : new Results.Progress.ProgressGauge("gate", 0, whole.TotalSeconds, "s", 1));
        await Tester.Instrument.StartAsync(whole, cancellationToken);
        await bench.WaitAsync(whole, cancellationToken);
        await bench.WaitUntilAsync(async ct => !await Tester.Instrument.IsMeasuringAsync(ct), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), cancellationToken);
        var result = await Tester.Instrument.ReadResultAsync(cancellationToken);
        LastGate = (result, whole);
        return result;
    }
}
