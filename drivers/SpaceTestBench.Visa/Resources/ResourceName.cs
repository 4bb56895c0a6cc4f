namespace SpaceTestBench.Visa.Resources;

/// <summary>
/// A parsed VISA resource string (VPP-4.3 §4.3.1). Keywords are case-insensitive; the host, device name
/// and serial number keep the user's case. <see cref="Canonical"/> is the expanded form
/// (<c>TCPIP::1.2.3.4</c> → <c>TCPIP0::1.2.3.4::inst0::INSTR</c>, <c>COM3</c> → <c>ASRL3::INSTR</c>).
/// Every form VPP-4.3 defines for TCPIP, ASRL, GPIB and USB parses; whether this VISA layer can open it
/// is <see cref="IsSupported"/>.
/// </summary>
public sealed record ResourceName
{
    /// <summary>The default HiSLIP port (IVI-6.1 §2.1).</summary>
    public const int DefaultHiSlipPort = 4880;

    /// <summary>The LAN device name used when a TCPIP INSTR resource names none (VPP-4.3).</summary>
    public const string DefaultLanDeviceName = "inst0";

    /// <summary>The string as given.</summary>
    public required string Original { get; init; }

    /// <summary>The interface type.</summary>
    public required InterfaceType Interface { get; init; }

    /// <summary>The board number (0 when omitted).</summary>
    public int Board { get; init; }

    /// <summary>The resource class.</summary>
    public required ResourceClass Class { get; init; }

    /// <summary>Host name or address for TCPIP (an IPv6 address without its brackets).</summary>
    public string? Host { get; init; }

    /// <summary>TCP port: the SOCKET port, or the HiSLIP port (4880 when not given); null for VXI-11.</summary>
    public int? Port { get; init; }

    /// <summary>LAN device name for TCPIP INSTR ("inst0", "hislip0", "gpib0,5").</summary>
    public string? DeviceName { get; init; }

    /// <summary>How a TCPIP resource is spoken with.</summary>
    public LanProtocol Protocol { get; init; }

    /// <summary>For ASRL: the device path when given as <c>ASRL/dev/ttyUSB0::INSTR</c>.</summary>
    public string? SerialDevicePath { get; init; }

    /// <summary>For GPIB INSTR: the primary address (0–30).</summary>
    public int? PrimaryAddress { get; init; }

    /// <summary>For GPIB INSTR: the secondary address (0–30), when given.</summary>
    public int? SecondaryAddress { get; init; }

    /// <summary>For USB: the vendor (manufacturer) ID.</summary>
    public int? ManufacturerId { get; init; }

    /// <summary>For USB: the model (product) code.</summary>
    public int? ModelCode { get; init; }

    /// <summary>For USB: the serial number string.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>For USB: the interface number, when given.</summary>
    public int? UsbInterfaceNumber { get; init; }

    /// <summary>The alias the user wrote (<c>COM3</c>), or null (IVI <c>AliasIfExists</c>).</summary>
    public string? Alias { get; init; }

    /// <summary>The canonical, expanded resource string (IVI <c>ExpandedUnaliasedName</c>).</summary>
    public required string Canonical { get; init; }

    /// <summary>True if this VISA layer can open the resource (TCPIP and ASRL).</summary>
    public bool IsSupported => Interface is InterfaceType.Tcpip or InterfaceType.Asrl;

    /// <summary>Parses a resource string, or throws <see cref="ResourceNameException"/> naming the bad part.</summary>
    public static ResourceName Parse(string resource) => ResourceNameParser.Parse(resource);

    /// <summary>Parses a resource string; false (with the reason) if it does not parse.</summary>
    public static bool TryParse(string resource, out ResourceName? name, out string? error)
    {
        try
        {
            name = Parse(resource);
            error = null;
            return true;
        }
        catch (ResourceNameException e)
        {
            name = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Returns this resource, or throws <see cref="ResourceNameException"/> saying why it cannot be opened here.</summary>
    public ResourceName ThrowIfUnsupported() => Interface switch
    {
        InterfaceType.Gpib => throw new ResourceNameException(
            Original, $"{Canonical}: GPIB resources are not supported by this VISA layer (there is no GPIB controller driver); use the instrument's LAN or serial port, or a LAN/GPIB gateway as TCPIP::gateway::gpib0,{PrimaryAddress ?? 0}::INSTR."),
        InterfaceType.Usb => throw new ResourceNameException(
            Original, $"{Canonical}: USB resources are not supported by this VISA layer (there is no USBTMC driver); use the instrument's LAN or serial port."),
        _ => this,
    };

    /// <inheritdoc />
    public override string ToString() => Canonical;
}
