namespace SpaceTestBench.Visa.Scpi;

/// <summary>The IEEE 488.2 §11.5.1 standard event status register, as *ESR? reads it.</summary>
[Flags]
#pragma warning disable CA1028 // the register is one byte wide
public enum StandardEvents : byte
#pragma warning restore CA1028
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary>Bit 0: operation complete (*OPC).</summary>
    OperationComplete = 1,

    /// <summary>Bit 1: request control.</summary>
    RequestControl = 2,

    /// <summary>Bit 2: query error (-4xx).</summary>
    QueryError = 4,

    /// <summary>Bit 3: device-dependent error (-3xx and positive codes).</summary>
    DeviceDependentError = 8,

    /// <summary>Bit 4: execution error (-2xx).</summary>
    ExecutionError = 16,

    /// <summary>Bit 5: command error (-1xx).</summary>
    CommandError = 32,

    /// <summary>Bit 6: user request.</summary>
    UserRequest = 64,

    /// <summary>Bit 7: power on.</summary>
    PowerOn = 128,
}
