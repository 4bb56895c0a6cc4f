namespace SpaceTestBench.Bench.Resilience;

/// <summary>
/// An instrument fault the bench could not recover from: the scenario ends with verdict Error (the bench
/// could not do the test; the device is not to blame) and the bench goes to its safe state. The message
/// names the role, the instrument and the operation that failed.
/// </summary>
public sealed class InstrumentFaultException : Exception
{
    /// <summary>A fault of <paramref name="instrument"/> while doing <paramref name="operation"/> for <paramref name="role"/>.</summary>
    public InstrumentFaultException(string role, string instrument, string operation, string why, Exception? inner = null)
        : base($"The {role} ({instrument}) failed during {operation}: {why}", inner)
    {
        Role = role;
        Instrument = instrument;
        Operation = operation;
    }

    /// <summary>The role the instrument was playing.</summary>
    public string Role { get; }

    /// <summary>Model and resource of the instrument.</summary>
    public string Instrument { get; }

    /// <summary>The role operation (and its arguments) that failed; the inner exception names the command on the wire.</summary>
    public string Operation { get; }
}
