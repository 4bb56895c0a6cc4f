namespace SpaceTestBench.Visa.Protocols.HiSlip;

/// <summary>HiSLIP message types (IVI-6.1 §2.5, Table 4).</summary>
internal enum HiSlipMessageType : byte
{
    Initialize = 0,
    InitializeResponse = 1,
    FatalError = 2,
    Error = 3,
    AsyncLock = 4,
    AsyncLockResponse = 5,
    Data = 6,
    DataEnd = 7,
    DeviceClearComplete = 8,
    DeviceClearAcknowledge = 9,
    AsyncRemoteLocalControl = 10,
    AsyncRemoteLocalResponse = 11,
    Trigger = 12,
    Interrupted = 13,
    AsyncInterrupted = 14,
    AsyncMaximumMessageSize = 15,
    AsyncMaximumMessageSizeResponse = 16,
    AsyncInitialize = 17,
    AsyncInitializeResponse = 18,
    AsyncDeviceClear = 19,
    AsyncServiceRequest = 20,
    AsyncStatusQuery = 21,
    AsyncStatusResponse = 22,
    AsyncDeviceClearAcknowledge = 23,
    AsyncLockInfo = 24,
    AsyncLockInfoResponse = 25,
}

/// <summary>FatalError codes (IVI-6.1 §6.2, Table 13): the session ends.</summary>
internal enum HiSlipFatalError : byte
{
    Unidentified = 0,
    PoorlyFormedHeader = 1,
    ChannelsNotEstablished = 2,
    InvalidInitializationSequence = 3,
    TooManyClients = 4,
}

/// <summary>Error codes (IVI-6.1 §6.3, Table 14): the message is discarded, the session goes on.</summary>
internal enum HiSlipError : byte
{
    Unidentified = 0,
    UnrecognizedMessageType = 1,
    UnrecognizedControlCode = 2,
    UnrecognizedVendorDefinedMessage = 3,
    MessageTooLarge = 4,
}
