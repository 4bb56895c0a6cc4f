namespace SpaceTestBench.Visa.Scpi;

/// <summary>Raised by a command handler to put an error on the queue and abandon the command.</summary>
public sealed class ScpiErrorException(ScpiError error) : Exception(error.ToString())
{
    /// <summary>The error to queue.</summary>
    public ScpiError Error { get; } = error;
}
