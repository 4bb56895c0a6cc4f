namespace SpaceTestBench.Simulation.Dut;

/// <summary>What the test agent can do to the DUT, and the DUT's discrete failures and recoveries.</summary>
internal sealed partial class DutModel
{
    /// <summary>Agent error: the DUT is not powered.</summary>
    public const int NotPoweredError = 201;

    /// <summary>Agent error: the DUT is hung.</summary>
    public const int HungError = 202;

    /// <summary>Agent error: the DUT is still booting.</summary>
    public const int BootingError = 203;

    /// <summary>Agent error: the DUT has failed for good.</summary>
    public const int FailedError = 204;

    /// <summary>Agent error: the DUT has no optical terminal.</summary>
    public const int NoTerminalError = 205;

    /// <summary>Why the DUT cannot run a workload at <paramref name="t"/>, or 0 if it can.</summary>
    public int NotReadyReason(double t) => StateAt(t) switch
    {
        DutState.Off => NotPoweredError,
        DutState.Failed => FailedError,
        DutState.Hung => HungError,
        DutState.Booting => BootingError,
        _ => 0,
    };

    public void StartWorkload(WorkloadKind workload) => Workload = workload;

    public void StopWorkload() => Workload = WorkloadKind.None;

    public void ClearCounters()
    {
        Counters = default;
        _inferenceFraction = 0;
    }

    /// <summary>Soft reset: clears a recoverable hang and reboots. Returns false if the DUT did not recover.</summary>
    public bool SoftReset(double t)
    {
        if (!Powered || Failed)
        {
            return false;
        }

        if (Hung && !HungRecoverable)
        {
            return false;
        }

        Hung = false;
        Boot(t);
        return true;
    }

    /// <summary>Restarts the optical acquisition.</summary>
    public void Acquire(double t)
    {
        if (Powered && Spec.OpticalTerminal is not null)
        {
            LinkState = LinkState.Searching;
            _searchStart = t;
            _signalSince = null;
        }
    }

    /// <summary>Built-in functional test: 0 pass, else the agent's error code.</summary>
    public int FunctionalTest(double t) => NotReadyReason(t);

    /// <summary>Injects a latch-up now on the first latch-up path (fault injection: "a latch-up at a random time").</summary>
    public void ForceLatchup(double t)
    {
        if (_latches.Length > 0 && !_latches[0].Latched && !BurntOut)
        {
            LatchUp(0, t);
        }
    }

    /// <summary>Injects a functional interrupt now.</summary>
    public void ForceFunctionalInterrupt(bool recoverableBySoftReset)
    {
        if (Powered && !Failed)
        {
            Counters = Counters with { FunctionalInterrupts = Counters.FunctionalInterrupts + 1 };
            Hang(recoverableBySoftReset);
        }
    }

    private void Boot(double t)
    {
        BootUntil = t + Spec.Workload.BootSeconds;
        Workload = WorkloadKind.None;
        Counters = Counters with { Resets = Counters.Resets + 1 };
        if (Spec.OpticalTerminal is not null)
        {
            LinkState = LinkState.Searching;
            _searchStart = BootUntil;
            _signalSince = null;
        }
    }

    private void Hang(bool recoverable)
    {
        // A second interrupt while hung can only make recovery harder.
        HungRecoverable = Hung ? HungRecoverable && recoverable : recoverable;
        Hung = true;
    }

    private void LatchUp(int path, double t)
    {
        var latch = _latches[path];
        latch.Latched = true;
        latch.Start = t;
        latch.Count++;
        LatchupCount++;
        // The latched region takes the device down with it: only a power cycle brings it back.
        Hang(recoverable: false);
    }

    private void SettleLatch(double t, DateTimeOffset now)
    {
        foreach (var latch in _latches)
        {
            if (!latch.Latched)
            {
                continue;
            }

            var latchup = latch.Spec;
            var volts = RailVolts(latchup.Rail, now);
            var latchCurrent = (volts - latchup.HoldingVolts) / latchup.LatchResistanceOhms;
            if (volts <= latchup.HoldingVolts || latchCurrent < latchup.HoldingAmperes)
            {
                latch.Latched = false;
                continue;
            }

            if (latchup.BurnoutSeconds is { } burnout && t - latch.Start >= burnout * (1 - 1e-12))
            {
                BurntOut = true;
                BurntOutRail = latchup.Rail;
                latch.Latched = false;
            }
        }
    }

    private void SettleLink(double t, OpticalConditions optical)
    {
        if (Spec.OpticalTerminal is not { } terminal || !Powered || Failed || t < BootUntil)
        {
            if (LinkState != LinkState.Idle && (!Powered || Failed))
            {
                LinkState = LinkState.Idle;
            }

            return;
        }

        var signal = optical.MeanReceivedWatts >= terminal.AcquisitionThresholdWatts
            && Math.Abs(optical.DopplerHertz) <= terminal.FrequencyTrackingRangeHertz
            && (terminal.FrequencyTrackingRateHertzPerSecond is not { } rate || Math.Abs(optical.DopplerRateHertzPerSecond) <= rate);
        switch (LinkState)
        {
            case LinkState.Idle:
                LinkState = LinkState.Searching;
                _searchStart = t;
                _signalSince = signal ? t : null;
                break;
            case LinkState.Searching when !signal:
                _signalSince = null;
                break;
            case LinkState.Searching:
                _signalSince ??= t;
                if (t - _signalSince.Value >= terminal.AcquisitionSeconds * (1 - 1e-12))
                {
                    LinkState = LinkState.Locked;
                    LastAcquisitionSeconds = t - (_searchStart ?? _signalSince.Value);
                }

                break;
            case LinkState.Locked when !signal:
                LinkState = LinkState.Searching;
                _searchStart = t;
                _signalSince = null;
                break;
        }
    }
}
