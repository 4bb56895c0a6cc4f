namespace SpaceTestBench.Bench.Safety;

/// <summary>Why the bench went to its safe state: the abort paths of the architecture's "safe state is a primitive".</summary>
public enum SafeStateReason
{
    /// <summary>A scenario ended with a verdict that needs it (Error or Aborted).</summary>
    ScenarioFailure,

    /// <summary>An interlock tripped with the action "stop".</summary>
    InterlockTrip,

    /// <summary>An instrument fault the bench could not recover from.</summary>
    InstrumentFault,

    /// <summary>The operator stopped the run (Ctrl-C) or the system did (SIGTERM).</summary>
    Cancellation,

    /// <summary>An unhandled exception ended the run.</summary>
    UnhandledException,

    /// <summary>A resumed run starts from a known state.</summary>
    ResumeStart,

    /// <summary>The bench session was closed.</summary>
    SessionEnd,

    /// <summary>A step or a test asked for it.</summary>
    Requested,
}
