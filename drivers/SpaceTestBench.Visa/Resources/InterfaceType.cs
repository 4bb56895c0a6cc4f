namespace SpaceTestBench.Visa.Resources;

/// <summary>VISA hardware interface types (VPP-4.3).</summary>
public enum InterfaceType
{
    /// <summary>LAN: raw socket, VXI-11, HiSLIP.</summary>
    Tcpip,

    /// <summary>Serial ports.</summary>
    Asrl,

    /// <summary>IEEE 488 (parsed, not supported: there is no GPIB controller driver).</summary>
    Gpib,

    /// <summary>USBTMC and raw USB (parsed, not supported: there is no USBTMC driver).</summary>
    Usb,
}
