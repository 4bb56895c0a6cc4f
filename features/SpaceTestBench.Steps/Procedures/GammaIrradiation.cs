using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// Irradiation in the Co-60 cell for one scenario: the cell lowers its source by itself when its dosimeter
/// reaches the dose target; the bench sleeps most of the time the measured rate predicts, then waits for the
/// lowering: at its instant where the bench receives the cell's service request (the adapter requests service as
/// its source goes down, docs/facility-adapter.md), else by looking every check interval, as an operator would, so
/// it knows within one check interval when the exposure ended.
/// </summary>
public sealed class GammaIrradiation(BenchSession bench, StepProgress progress)
{
    /// <summary>The cell.</summary>
    public IGammaSource Cell => bench.Role<IGammaSource>(BenchRoles.GammaSource).Instrument;

    /// <summary>The dose rate asked for in this scenario, if any.</summary>
    public Quantity? DoseRate { get; private set; }

    // The target of the last exposure that ended at its dose (the source found down by the controller's lowering at the
    // target), rad(Si) in SI; null while an exposure is under way. Saved with the world at the exposure's end (a milestone),
    // so a step continued from there knows its dose delivered: the dosimeter's reading, 0.2 % noise, reads below the target
    // about half the time, and the step would raise the source again, lowered at once, and take the resume for the end.
    private double? _deliveredTarget;

    /// <summary>
    /// The longest time the procedure allows from the end of a parametric test to the start of the next
    /// exposure (MIL-STD-883 TM 1019: 2 h), if the scenario states one; null: the gap is recorded unjudged.
    /// </summary>
    public Quantity? NextExposureWithin { get; set; }

    /// <summary>The dose the dosimeter has read since this scenario reset it.</summary>
    public async Task<Quantity> DoseAsync(CancellationToken cancellationToken = default) =>
        Quantity.FromSi((await Cell.MeasureDoseAsync(cancellationToken)).Gray, Units.Parse("krad(Si)"));

    /// <summary>Positions the DUT for <paramref name="rate"/>, resets the dosimeter and returns the rate it reads there.</summary>
    public async Task<Quantity> SetRateAsync(Quantity rate, CancellationToken cancellationToken = default)
    {
        await Cell.SetSourceUpAsync(false, cancellationToken);
        await Cell.SetDoseRateAsync(rate.SiValue, cancellationToken);
        await Cell.ResetDoseAsync(cancellationToken);
        DoseRate = rate;
        return Quantity.FromSi(await Cell.MeasureDoseRateAsync(cancellationToken), rate.Unit);
    }

    /// <summary>
    /// Raises the source until the dosimeter reads <paramref name="target"/>; returns when the source is down, with the
    /// moment the exposure ended as the cell's controller logged it (<see cref="IGammaSource.ReadSourceMovesAsync"/>).
    /// A dose already delivered (a step run again after a cut of the run, which found its exposure done) is not
    /// irradiated again: its end is the controller's last lowering of the source, which outlives the cut, never the
    /// resume's now — a test after a long outage must not look as if it followed its exposure at once. Where the
    /// controller has no lowering on record, the end is not known (<see cref="ExposureEnd.At"/> null).
    /// </summary>
    public async Task<ExposureEnd> IrradiateToAsync(Quantity target, CancellationToken cancellationToken = default)
    {
        var already = (await Cell.MeasureDoseAsync(cancellationToken)).Gray;
        var rate = await Cell.MeasureDoseRateAsync(cancellationToken);
        if (_deliveredTarget == target.SiValue || target.SiValue <= already)
        {
            // The source is down (the resume's safe state lowered it, or the controller did at the target).
            var foundDown = bench.Clock.GetUtcNow();
            return new ExposureEnd(await LastLoweredAsync(cancellationToken), foundDown);
        }

        var predicted = TimeSpan.FromSeconds((target.SiValue - already) / rate);
        var check = TimeSpan.FromSeconds(Math.Clamp(predicted.TotalSeconds / 200, 1, 600));
        _deliveredTarget = null;
        await Cell.SetDoseTargetAsync(target.SiValue, cancellationToken);
        await Cell.SetSourceUpAsync(true, cancellationToken);
        // The dose grows at the dosimeter's rate while the source is up: published as a reading and its rate.
        progress.Report($"irradiating to {InKilorad(target)}", Results.Progress.ProgressGauge.Of(
            "dose", Quantity.FromSi(already, Krad), InKilorad(target), Krad, Quantity.FromSi(rate, Krad).Value));
        var lastSeenUp = bench.Clock.GetUtcNow();
        var down = await WaitUntilLoweredAsync(predicted * 0.99, check, predicted * 0.2 + TimeSpan.FromHours(1), seen => lastSeenUp = seen, cancellationToken);
        progress.Report($"irradiated to {InKilorad(target)}", Results.Progress.ProgressGauge.Of(
            "dose", Quantity.FromSi((await Cell.MeasureDoseAsync(cancellationToken)).Gray, Krad), InKilorad(target), Krad));
        if (!down)
        {
            await Cell.SetSourceUpAsync(false, cancellationToken);
            throw new TimeoutException($"The gamma source did not lower itself at {target} within 20 % of the time its dose rate predicts; the source was lowered by the bench.");
        }

        // The controller's log says when, to its clock's resolution; without it, the last look that still saw the source
        // up bounds the end from below (a delay measured from there is at most one check interval long).
        var found = bench.Clock.GetUtcNow();
        var ended = new ExposureEnd(await LastLoweredAsync(cancellationToken) ?? lastSeenUp, found);
        _deliveredTarget = target.SiValue;
        // The dose delivered and the source's log of its end, on disk before any test: a cut from here on resumes with
        // the exposure done (IrradiateToAsync finds it delivered), not from a look hours before its end.
        bench.CheckpointMilestone();
        return ended;
    }

    /// <summary>
    /// When the exposure towards the next target began, if one began after <paramref name="moment"/> (the end of the
    /// last parametric test): a step run again after a cut inside its exposure finds the source raised before the cut,
    /// and the samples were in the field from then on. Null: no exposure began since (or the controller has no raise
    /// on record), so the next one begins now.
    /// </summary>
    public async Task<DateTimeOffset?> ExposureBegunSinceAsync(DateTimeOffset moment, CancellationToken cancellationToken = default)
    {
        var moves = await Cell.ReadSourceMovesAsync(cancellationToken);
        if (moves.SinceRaised is not { } ago)
        {
            return null;
        }

        // A raise at the very instant of the test's end (no bench time between them on a virtual clock) is this exposure's,
        // read back a little early or late: the log answers with 9 significant digits (NR3), 10 ms at 1000 h, and
        // a clock to the millisecond. A test takes seconds, so the tolerance cannot take the previous exposure's raise.
        var raised = bench.Clock.GetUtcNow() - ago;
        var resolution = TimeSpan.FromMilliseconds(1) + (ago * 1e-8);
        return raised >= moment - resolution ? (raised > moment ? raised : moment) : null;
    }

    /// <summary>
    /// Waits until the source is down (true) or <paramref name="timeout"/> of bench time after <paramref name="first"/> has
    /// passed (false): <paramref name="first"/> (most of the exposure, a long wait, checkpointed), then a look every
    /// <paramref name="check"/>. Where the bench receives the cell's service requests, the lowering's request ends either
    /// sleep at its instant (a simulated cell holds bench time there until it is delivered), so the test after an exposure
    /// starts when the source is down, not at a look up to <paramref name="check"/> later (600 s at the low rate), whose
    /// phase depended on the rate and dose read before the exposure. Without the requests (a VISA session that does not
    /// deliver them) the looks alone find it, as before.
    /// </summary>
    private async Task<bool> WaitUntilLoweredAsync(TimeSpan first, TimeSpan check, TimeSpan timeout, Action<DateTimeOffset> seenUp, CancellationToken cancellationToken)
    {
        var deadline = bench.Clock.GetUtcNow() + first + timeout;
        using var requested = new CancellationTokenSource();
        // Only notes the request: bench time is held until this returns, and the sleep it cancels leaves the clock at once.
        using var watch = bench.WatchServiceRequests(BenchRoles.GammaSource, () =>
        {
            try
            {
                requested.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A request on its way as the wait ended: nobody waits for it any more.
            }
        });
        await SleepUnlessRequestedAsync(first, requested, cancellationToken);
        while (true)
        {
            if (!await Cell.IsSourceUpAsync(cancellationToken))
            {
                return true;
            }

            seenUp(bench.Clock.GetUtcNow());
            var left = deadline - bench.Clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            if (requested.IsCancellationRequested)
            {
                // A request for something else (the source is up): the looks alone from here.
                await bench.WaitAsync(left < check ? left : check, cancellationToken);
                continue;
            }

            await SleepUnlessRequestedAsync(left < check ? left : check, requested, cancellationToken);
        }
    }

    /// <summary>Waits <paramref name="duration"/> of bench time through the bench, ending at once when the cell requests service.</summary>
    private async Task SleepUnlessRequestedAsync(TimeSpan duration, CancellationTokenSource requested, CancellationToken cancellationToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, requested.Token);
        try
        {
            await bench.WaitAsync(duration, wake.Token);
        }
        catch (OperationCanceledException) when (requested.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !bench.Stopping.IsCancellationRequested)
        {
            // The cell requested service: look now.
        }
    }

    private async Task<DateTimeOffset?> LastLoweredAsync(CancellationToken cancellationToken)
    {
        var moves = await Cell.ReadSourceMovesAsync(cancellationToken);
        return moves.SinceLowered is { } ago ? bench.Clock.GetUtcNow() - ago : null;
    }

    /// <summary>The dose in rad(Si) written as the unit a person reads best ("5 krad(Si)").</summary>
    public static Quantity InKilorad(Quantity dose) => dose.ConvertTo(Krad);

    private static Unit Krad { get; } = Units.Parse("krad(Si)");
}

