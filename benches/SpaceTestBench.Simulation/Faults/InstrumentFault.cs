namespace SpaceTestBench.Simulation.Faults;

/// <summary>One fault to inject, with its parameters.</summary>
/// <param name="Kind">What goes wrong.</param>
public sealed record InstrumentFault(InstrumentFaultKind Kind)
{
    /// <summary>How many consecutive commands an I/O fault affects once triggered.</summary>
    public int Count { get; init; } = 1;

    /// <summary>For <see cref="InstrumentFaultKind.Delay"/>: how long each response is held back (wall time).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>For <see cref="InstrumentFaultKind.ScpiError"/>: the error code.</summary>
    public int ErrorCode { get; init; } = -310;

    /// <summary>For <see cref="InstrumentFaultKind.ScpiError"/>: the error text.</summary>
    public string ErrorText { get; init; } = "System error";

    /// <summary>For <see cref="InstrumentFaultKind.Reboot"/>: how long the instrument does not answer (wall time).</summary>
    public TimeSpan RebootTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>For <see cref="InstrumentFaultKind.FunctionalInterrupt"/>: whether a soft reset clears it.</summary>
    public bool RecoverableBySoftReset { get; init; } = true;

    /// <summary>For <see cref="InstrumentFaultKind.CurrentReadingShift"/>: how much more every current reading reads, A.</summary>
    public double CurrentOffset { get; init; }

    /// <summary>True for faults that change state (instrument or DUT) rather than one exchange of bytes.</summary>
    public bool ChangesState => Kind is InstrumentFaultKind.Reboot or InstrumentFaultKind.ScpiError
        or InstrumentFaultKind.Latchup or InstrumentFaultKind.FunctionalInterrupt or InstrumentFaultKind.CurrentReadingShift;

    /// <summary>Responses held back by <paramref name="delay"/>.</summary>
    public static InstrumentFault DelayResponses(TimeSpan delay, int count = 1) => new(InstrumentFaultKind.Delay) { Delay = delay, Count = count };

    /// <summary>Responses that never come.</summary>
    public static InstrumentFault MissingResponses(int count = 1) => new(InstrumentFaultKind.NoResponse) { Count = count };

    /// <summary>A dropped connection.</summary>
    public static InstrumentFault DropConnection() => new(InstrumentFaultKind.Disconnect);

    /// <summary>Garbage instead of responses.</summary>
    public static InstrumentFault GarbageResponses(int count = 1) => new(InstrumentFaultKind.Garbage) { Count = count };

    /// <summary>An error pushed on the error queue.</summary>
    public static InstrumentFault PushError(int code, string text) => new(InstrumentFaultKind.ScpiError) { ErrorCode = code, ErrorText = text };

    /// <summary>A reboot, deaf for <paramref name="bootTime"/>.</summary>
    public static InstrumentFault Reboot(TimeSpan bootTime) => new(InstrumentFaultKind.Reboot) { RebootTime = bootTime };

    /// <summary>A supply's current readings shifted by <paramref name="amperes"/> from then on.</summary>
    public static InstrumentFault ShiftCurrentReadings(double amperes) => new(InstrumentFaultKind.CurrentReadingShift) { CurrentOffset = amperes };

    /// <summary>A DUT latch-up.</summary>
    public static InstrumentFault DutLatchup() => new(InstrumentFaultKind.Latchup);

    /// <summary>A DUT functional interrupt.</summary>
    public static InstrumentFault DutFunctionalInterrupt(bool recoverableBySoftReset = true) =>
        new(InstrumentFaultKind.FunctionalInterrupt) { RecoverableBySoftReset = recoverableBySoftReset };
}
