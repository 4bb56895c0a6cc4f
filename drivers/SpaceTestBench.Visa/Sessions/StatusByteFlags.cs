namespace SpaceTestBench.Visa.Sessions;

/// <summary>The IEEE 488.2 §11.2 status byte with the SCPI-99 summary bits (IVI VISA.NET <c>StatusByteFlags</c>).</summary>
[Flags]
#pragma warning disable CA1028 // the status byte is a byte on every wire that carries it
public enum StatusByteFlags : byte
#pragma warning restore CA1028
{
    /// <summary>No bit set.</summary>
    None = 0,

    /// <summary>Bit 0, device-defined.</summary>
    User0 = 0x01,

    /// <summary>Bit 1, device-defined.</summary>
    User1 = 0x02,

    /// <summary>Bit 2: error/event queue not empty (SCPI-99 EAV).</summary>
    ErrorAvailable = 0x04,

    /// <summary>Bit 3: questionable status summary (SCPI-99).</summary>
    QuestionableSummary = 0x08,

    /// <summary>Bit 4: message available (MAV).</summary>
    MessageAvailable = 0x10,

    /// <summary>Bit 5: event status bit (ESB), a standard event enabled by *ESE occurred.</summary>
    EventStatusRegister = 0x20,

    /// <summary>Bit 6: requesting service (RQS) / master summary status (MSS).</summary>
    RequestingService = 0x40,

    /// <summary>Bit 7: operation status summary (SCPI-99).</summary>
    OperationSummary = 0x80,
}
