namespace SpaceTestBench.Visa.Sessions;

/// <summary>The result of a raw read.</summary>
/// <param name="Count">Bytes placed in the buffer.</param>
/// <param name="Status">Why the read returned.</param>
public readonly record struct ReadResult(int Count, ReadStatus Status)
{
    /// <summary>True if the message is complete (END or termination character).</summary>
    public bool IsMessageComplete => Status is ReadStatus.EndReceived or ReadStatus.TerminationCharacterEncountered;
}
