namespace SpaceTestBench.Visa.Servers;

/// <summary>IEEE 488.2 §6.5 message exchange errors detected by the protocol server rather than the parser.</summary>
public enum MessageExchangeError
{
    /// <summary>-410: a new program message arrived before the previous response was read; the response was discarded.</summary>
    QueryInterrupted,

    /// <summary>-420: the client asked to read a response but none is pending.</summary>
    QueryUnterminated,
}
