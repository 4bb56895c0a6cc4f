namespace SpaceTestBench.Results.Recording;

/// <summary>What kind of thing the bench observed (single-event effect taxonomy per ESCC 25100 / JESD57).</summary>
public enum BenchEventKind
{
    /// <summary>A note worth keeping in the record (beam interruption, operator remark).</summary>
    Note,

    /// <summary>Single-event upset: one stored bit flipped.</summary>
    SingleEventUpset,

    /// <summary>Multiple-bit upset: one particle flipped several bits.</summary>
    MultipleBitUpset,

    /// <summary>Single-event transient: a glitch on a signal or output.</summary>
    SingleEventTransient,

    /// <summary>Single-event functional interrupt: the device hung or reset and needed recovery.</summary>
    SingleEventFunctionalInterrupt,

    /// <summary>Single-event latch-up: supply current jumped above the detection threshold.</summary>
    SingleEventLatchup,

    /// <summary>A safety interlock tripped (over-temperature, beam, door, over-current).</summary>
    InterlockTrip,

    /// <summary>An instrument misbehaved: error queue entry, timeout, garbage answer.</summary>
    InstrumentFault,

    /// <summary>The run was stopped before its end (operator, cancellation).</summary>
    RunAborted,

    /// <summary>A run hook failed.</summary>
    HookFailed,

    /// <summary>The bench went to its safe state (radiation off, DUT outputs off, chamber to ambient), with why and how long it took.</summary>
    SafeState,

    /// <summary>A run continued from its last checkpoint after a crash or an interruption.</summary>
    RunResumed,

    /// <summary>
    /// A departure from the procedure (a time window exceeded, an attenuator that could not reach the commanded
    /// power, an instrument out of calibration, a retried scenario, a resumed run): what happened, and in the
    /// message its effect on the result.
    /// </summary>
    Deviation,

    /// <summary>
    /// The acceptance criteria a procedure declared for this scenario (e.g. thermal stability tolerance, rate,
    /// window and dwell; see <see cref="WellKnownCriteria"/>), recorded so that the analyses judge the data by
    /// the scenario's own criteria rather than by defaults.
    /// </summary>
    Criteria,
}
