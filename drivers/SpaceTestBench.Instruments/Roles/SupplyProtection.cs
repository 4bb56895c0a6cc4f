namespace SpaceTestBench.Instruments.Roles;

/// <summary>Protections of a supply output.</summary>
[Flags]
public enum SupplyProtection
{
    /// <summary>None tripped.</summary>
    None = 0,

    /// <summary>Over-voltage protection.</summary>
    OverVoltage = 1,

    /// <summary>Over-current protection (electronic fuse).</summary>
    OverCurrent = 2,
}
