namespace SpaceTestBench.Visa.Protocols.Vxi11;

/// <summary>VXI-11 (VXIbus TCP/IP Instrument Protocol, rev. 1.0) program numbers, flags and reasons.</summary>
internal static class Vxi11Constants
{
    /// <summary>DEVICE_CORE, version 1: the channel every operation but abort uses.</summary>
    public const uint CoreProgram = 0x0607AF;

    /// <summary>DEVICE_ASYNC, version 1: the abort channel (VXI-11 B.5.1).</summary>
    public const uint AbortProgram = 0x0607B0;

    public const uint Version = 1;

    /// <summary>Operation flag: wait for the lock instead of failing at once.</summary>
    public const uint FlagWaitLock = 1;

    /// <summary>Operation flag: the last byte of a write is the END of the message.</summary>
    public const uint FlagEnd = 8;

    /// <summary>Operation flag: a read stops at termChar.</summary>
    public const uint FlagTermCharSet = 128;

    /// <summary>Read reason: requestSize bytes were returned.</summary>
    public const int ReasonRequestCount = 1;

    /// <summary>Read reason: the termination character was read.</summary>
    public const int ReasonTermChar = 2;

    /// <summary>Read reason: END was read (the response is complete).</summary>
    public const int ReasonEnd = 4;

    /// <summary>VXI-11 uses unsigned milliseconds; this value waits for ever (VISA VI_TMO_INFINITE).</summary>
    public const uint InfiniteTimeout = uint.MaxValue;
}

/// <summary>VXI-11 core and abort procedures (VXI-11 B.6).</summary>
internal enum Vxi11Procedure : uint
{
    DeviceAbort = 1,
    CreateLink = 10,
    DeviceWrite = 11,
    DeviceRead = 12,
    DeviceReadStb = 13,
    DeviceTrigger = 14,
    DeviceClear = 15,
    DeviceRemote = 16,
    DeviceLocal = 17,
    DeviceLock = 18,
    DeviceUnlock = 19,
    DeviceEnableSrq = 20,
    DeviceDoCmd = 22,
    DestroyLink = 23,
    CreateInterruptChannel = 25,
    DestroyInterruptChannel = 26,
}

/// <summary>VXI-11 Device_ErrorCode values (B.5.2).</summary>
internal enum Vxi11Error
{
    None = 0,
    Syntax = 1,
    DeviceNotAccessible = 3,
    InvalidLinkIdentifier = 4,
    Parameter = 5,
    ChannelNotEstablished = 6,
    OperationNotSupported = 8,
    OutOfResources = 9,
    DeviceLockedByAnotherLink = 11,
    NoLockHeldByThisLink = 12,
    IOTimeout = 15,
    IOError = 17,
    InvalidAddress = 21,
    Abort = 23,
    ChannelAlreadyEstablished = 29,
}
