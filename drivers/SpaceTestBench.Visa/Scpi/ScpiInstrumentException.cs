namespace SpaceTestBench.Visa.Scpi;

/// <summary>The instrument reported an error in its SCPI error queue after a command.</summary>
public sealed class ScpiInstrumentException : VisaException
{
    /// <summary>An error the instrument reported after <paramref name="command"/>.</summary>
    public ScpiInstrumentException(string resource, string command, int code, string text, IReadOnlyList<ScpiError>? allErrors = null)
        : base(resource, Describe(command, code, text, allErrors))
    {
        Command = command;
        Code = code;
        Text = text;
        AllErrors = allErrors ?? [new ScpiError(code, text)];
    }

    /// <summary>The command after which the error was read.</summary>
    public string Command { get; }

    /// <summary>The instrument's error code (the first one read).</summary>
    public int Code { get; }

    /// <summary>The instrument's error text (the first one read).</summary>
    public string Text { get; }

    /// <summary>Every error drained from the queue, oldest first.</summary>
    public IReadOnlyList<ScpiError> AllErrors { get; }

    private static string Describe(string command, int code, string text, IReadOnlyList<ScpiError>? all)
    {
        var more = all is { Count: > 1 } ? $" (and {all.Count - 1} more: {string.Join("; ", all.Skip(1))})" : "";
        return $"the instrument reported {code},\"{text}\" after '{command}'{more}.";
    }
}
