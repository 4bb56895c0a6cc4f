namespace SpaceTestBench.Visa.Resources;

/// <summary>VISA hardware interface types (VPP-4.3).</summary>
public enum InterfaceType
{
    /// <summary>LAN: raw socket, VXI-11, HiSLIP.</summary>
    Tcpip,

    /// <summary>Serial ports.</summary>
    Asrl,

    /// <summary>IEEE 488 (not supported here).</summary>
    Gpib,

    /// <summary>USBTMC and raw USB (not supported here).</summary>
    Usb,
}

/// <summary>The resource classes a resource string can name.</summary>
public enum ResourceClass
{
    /// <summary>A message-based instrument (VXI-11, HiSLIP, serial).</summary>
    Instr,

    /// <summary>A raw TCP socket ("SCPI-RAW", port 5025 by convention).</summary>
    Socket,

    /// <summary>A GPIB interface board.</summary>
    Intfc,

    /// <summary>A raw USB device.</summary>
    Raw,
}

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
