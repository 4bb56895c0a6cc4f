using SpaceTestBench.Visa;

namespace SpaceTestBench.Instruments.Espec;

/// <summary>An ESPEC controller answered NA:&lt;error&gt; to a command.</summary>
public sealed class EspecControllerException(string resource, string command, string error)
    : VisaException(resource, $"the controller answered NA:{error} ({Describe(error)}) to '{command}'.")
{
    /// <summary>The command that was refused.</summary>
    public string Command { get; } = command;

    /// <summary>The controller's error text ("DATA OUT OF RANGE").</summary>
    public string Error { get; } = error;

    private static string Describe(string error) => error switch
    {
        "CMD ERR" => "unrecognised command",
        "PARA ERR" => "parameter missing or unrecognisable",
        "DATA OUT OF RANGE" => "value outside the valid range",
        "PROTECT ON" => "the controller's front panel protection is on",
        var e when e.StartsWith("CONT NOT READY", StringComparison.Ordinal) => "the controller cannot do this in its present state",
        _ => "see the controller's communication manual",
    };
}
