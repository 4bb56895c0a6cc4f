namespace SpaceTestBench.Visa.Resources;

/// <summary>The LAN protocol a TCPIP resource is spoken with.</summary>
public enum LanProtocol
{
    /// <summary>Not a LAN resource.</summary>
    None,

    /// <summary>Raw TCP socket.</summary>
    Socket,

    /// <summary>VXI-11 over ONC RPC.</summary>
    Vxi11,

    /// <summary>HiSLIP (IVI-6.1).</summary>
    HiSlip,
}
