namespace SpaceTestBench.Visa.Scpi;

/// <summary>IEEE 488.2 §11.5.1 standard event status register bits.</summary>
public static class EventStatus
{
    /// <summary>Operation complete.</summary>
    public const byte OperationComplete = 1;

    /// <summary>Request control (not used by a device that cannot be a controller).</summary>
    public const byte RequestControl = 2;

    /// <summary>Query error.</summary>
    public const byte QueryError = 4;

    /// <summary>Device-dependent error.</summary>
    public const byte DeviceDependentError = 8;

    /// <summary>Execution error.</summary>
    public const byte ExecutionError = 16;

    /// <summary>Command error.</summary>
    public const byte CommandError = 32;

    /// <summary>User request (front panel; never set by a simulator).</summary>
    public const byte UserRequest = 64;

    /// <summary>Power on.</summary>
    public const byte PowerOn = 128;
}
