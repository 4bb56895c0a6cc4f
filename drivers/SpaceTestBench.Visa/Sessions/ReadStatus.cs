namespace SpaceTestBench.Visa.Sessions;

/// <summary>Why a read returned (IVI VISA.NET <c>ReadStatus</c>).</summary>
public enum ReadStatus
{
    /// <summary>Data arrived but no message boundary is known (a raw socket with the termination character disabled).</summary>
    Unknown,

    /// <summary>The device signalled the end of the message (END, DataEND, or the serial termination character).</summary>
    EndReceived,

    /// <summary>The termination character was read.</summary>
    TerminationCharacterEncountered,

    /// <summary>The buffer filled before the message ended.</summary>
    MaximumCountReached,
}
