namespace SpaceTestBench.Visa.Scpi;

/// <summary>The instrument reported an error in its SCPI error queue after a command.</summary>
public sealed class ScpiInstrumentException(string resource, string command, int code, string text)
    : VisaException(resource, $"the instrument reported {code},\"{text}\" after '{command}'.")
{
    /// <summary>The command after which the error was read.</summary>
    public string Command { get; } = command;

    /// <summary>The instrument's error code.</summary>
    public int Code { get; } = code;

    /// <summary>The instrument's error text.</summary>
    public string Text { get; } = text;
}
