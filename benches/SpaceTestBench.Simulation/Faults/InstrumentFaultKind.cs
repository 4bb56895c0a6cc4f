namespace SpaceTestBench.Simulation.Faults;

/// <summary>What can go wrong with a simulated instrument.</summary>
public enum InstrumentFaultKind
{
    /// <summary>The command is executed but its response is held back for a while (wall time).</summary>
    Delay,

    /// <summary>The command is executed but its response never comes.</summary>
    NoResponse,

    /// <summary>The connection drops when the command arrives; the command is not executed.</summary>
    Disconnect,

    /// <summary>The command is executed and answered with garbage bytes instead of its response.</summary>
    Garbage,

    /// <summary>An error appears in the instrument's error queue (as a firmware fault would put it there).</summary>
    ScpiError,

    /// <summary>The instrument reboots: every setting to power-on state, connections dropped, deaf while it boots.</summary>
    Reboot,

    /// <summary>The DUT latches up (a DUT fault, injected through any simulated instrument of the bench).</summary>
    Latchup,

    /// <summary>The DUT hangs as after a SEFI (a DUT fault).</summary>
    FunctionalInterrupt,

    /// <summary>
    /// A supply's current readings shift off the true current from then on (a calibration shift, or a leakage path
    /// in its test fixture): every output reads <see cref="InstrumentFault.CurrentOffset"/> more than it delivers.
    /// Every sample it tests sees the same shift, an unirradiated control included.
    /// </summary>
    CurrentReadingShift,
}
