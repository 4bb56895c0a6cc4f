using System.Globalization;

namespace SpaceTestBench.Visa.Resources;

/// <summary>
/// A parsed VISA resource string (VPP-4.3 §4.3.1). Keywords are case-insensitive; the host, device name
/// and serial keep the user's case. <see cref="Canonical"/> is the expanded form
/// (<c>TCPIP::1.2.3.4</c> → <c>TCPIP0::1.2.3.4::inst0::INSTR</c>).
/// </summary>
public sealed record ResourceName
{
    /// <summary>The string as given.</summary>
    public required string Original { get; init; }

    /// <summary>The interface type.</summary>
    public required InterfaceType Interface { get; init; }

    /// <summary>The board number (0 when omitted).</summary>
    public int Board { get; init; }

    /// <summary>The resource class.</summary>
    public required ResourceClass Class { get; init; }

    /// <summary>Host name or address for TCPIP (IPv6 without brackets).</summary>
    public string? Host { get; init; }

    /// <summary>TCP port: the SOCKET port, or the HiSLIP port (4880 when not given).</summary>
    public int? Port { get; init; }

    /// <summary>LAN device name for TCPIP INSTR ("inst0", "hislip0", "gpib0,5").</summary>
    public string? DeviceName { get; init; }

    /// <summary>How a TCPIP resource is spoken with.</summary>
    public LanProtocol Protocol { get; init; }

    /// <summary>For ASRL: the device path when given as <c>ASRL/dev/ttyUSB0::INSTR</c>.</summary>
    public string? SerialDevicePath { get; init; }

    /// <summary>The canonical, expanded resource string.</summary>
    public required string Canonical { get; init; }

    /// <summary>The default HiSLIP port (IVI-6.1).</summary>
    public const int DefaultHiSlipPort = 4880;

    /// <summary>Parses a resource string, or throws <see cref="ResourceNameException"/> naming the bad part.</summary>
    public static ResourceName Parse(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var text = resource.Trim();
        if (text.Length == 0)
        {
            throw new ResourceNameException(resource, "the resource string is empty.");
        }

        // Windows-style alias of a serial port.
        if (text.StartsWith("COM", StringComparison.OrdinalIgnoreCase) && text.Length > 3 && text[3..].All(char.IsAsciiDigit))
        {
            var port = ParseNumber(resource, text[3..], "COM port number");
            return new ResourceName
            {
                Original = resource, Interface = InterfaceType.Asrl, Board = port, Class = ResourceClass.Instr,
                Canonical = $"ASRL{port}::INSTR",
            };
        }

        var parts = Split(resource, text);
        var head = parts[0];
        var (type, board, tail) = InterfaceOf(resource, head);
        return type switch
        {
            InterfaceType.Tcpip => ParseTcpip(resource, board, parts),
            InterfaceType.Asrl => ParseAsrl(resource, board, tail, parts),
            InterfaceType.Gpib => throw new ResourceNameException(resource, "GPIB resources are not supported by this VISA layer (no GPIB controller driver); use the instrument's LAN or serial port."),
            InterfaceType.Usb => throw new ResourceNameException(resource, "USB resources are not supported by this VISA layer (no USBTMC driver); use the instrument's LAN or serial port."),
            _ => throw new ResourceNameException(resource, $"unknown interface '{head}'."),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Canonical;

    private static List<string> Split(string resource, string text)
    {
        // '::' separates fields, except inside [...] (IPv6 hosts).
        var parts = new List<string>();
        var start = 0;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (depth == 0 && c == ':' && i + 1 < text.Length && text[i + 1] == ':')
            {
                parts.Add(text[start..i]);
                start = i + 2;
                i++;
            }
        }

        if (depth != 0)
        {
            throw new ResourceNameException(resource, "an IPv6 host's '[' has no matching ']'.");
        }

        parts.Add(text[start..]);
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Length == 0)
            {
                throw new ResourceNameException(resource, $"field {i + 1} is empty.");
            }
        }

        return parts;
    }

    private static (InterfaceType Type, int Board, string Tail) InterfaceOf(string resource, string head)
    {
        foreach (var (prefix, type) in new[] { ("TCPIP", InterfaceType.Tcpip), ("ASRL", InterfaceType.Asrl), ("GPIB", InterfaceType.Gpib), ("USB", InterfaceType.Usb) })
        {
            if (head.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var rest = head[prefix.Length..];
                if (rest.Length == 0)
                {
                    return (type, 0, "");
                }

                if (rest.All(char.IsAsciiDigit))
                {
                    return (type, ParseNumber(resource, rest, "board number"), "");
                }

                if (type == InterfaceType.Asrl && rest.StartsWith('/'))
                {
                    return (type, 0, rest);
                }

                throw new ResourceNameException(resource, $"'{head}' is not an interface with a board number (e.g. {prefix}0).");
            }
        }

        throw new ResourceNameException(resource, $"'{head}' is not a known interface type (TCPIP, ASRL, GPIB, USB).");
    }

    private static ResourceName ParseTcpip(string resource, int board, List<string> parts)
    {
        if (parts.Count < 2)
        {
            throw new ResourceNameException(resource, "a TCPIP resource needs a host (TCPIP0::host::...).");
        }

        var hostField = parts[1];
        var host = hostField.StartsWith('[') && hostField.EndsWith(']') ? hostField[1..^1] : hostField;
        var hostForCanonical = hostField;
        var last = parts[^1];
        if (last.Equals("SOCKET", StringComparison.OrdinalIgnoreCase))
        {
            if (parts.Count != 4)
            {
                throw new ResourceNameException(resource, "a SOCKET resource is TCPIP[board]::host::port::SOCKET; the port is missing.");
            }

            var port = ParseNumber(resource, parts[2], "port");
            if (port is < 1 or > 65535)
            {
                throw new ResourceNameException(resource, $"port {port} is outside 1–65535.");
            }

            return new ResourceName
            {
                Original = resource, Interface = InterfaceType.Tcpip, Board = board, Class = ResourceClass.Socket,
                Host = host, Port = port, Protocol = LanProtocol.Socket,
                Canonical = $"TCPIP{board}::{hostForCanonical}::{port}::SOCKET",
            };
        }

        var hasClass = last.Equals("INSTR", StringComparison.OrdinalIgnoreCase);
        var fields = hasClass ? parts.Count - 1 : parts.Count;
        if (!hasClass && parts.Count > 2 && !IsDeviceName(parts[^1]))
        {
            throw new ResourceNameException(resource, $"'{last}' is not a resource class; TCPIP resources end in ::INSTR or ::SOCKET.");
        }

        if (fields > 3)
        {
            throw new ResourceNameException(resource, $"too many fields; expected TCPIP[board]::host[::device name][::INSTR].");
        }

        var device = fields == 3 ? parts[2] : "inst0";
        var isHiSlip = device.StartsWith("hislip", StringComparison.OrdinalIgnoreCase);
        int? hislipPort = null;
        if (isHiSlip)
        {
            var comma = device.IndexOf(',', StringComparison.Ordinal);
            hislipPort = comma < 0 ? DefaultHiSlipPort : ParseNumber(resource, device[(comma + 1)..], "HiSLIP port");
        }

        return new ResourceName
        {
            Original = resource, Interface = InterfaceType.Tcpip, Board = board, Class = ResourceClass.Instr,
            Host = host, DeviceName = device, Port = hislipPort, Protocol = isHiSlip ? LanProtocol.HiSlip : LanProtocol.Vxi11,
            Canonical = $"TCPIP{board}::{hostForCanonical}::{device}::INSTR",
        };
    }

    private static bool IsDeviceName(string field) =>
        field.StartsWith("inst", StringComparison.OrdinalIgnoreCase) ||
        field.StartsWith("hislip", StringComparison.OrdinalIgnoreCase) ||
        field.StartsWith("gpib", StringComparison.OrdinalIgnoreCase) ||
        field.StartsWith("com", StringComparison.OrdinalIgnoreCase);

    private static ResourceName ParseAsrl(string resource, int board, string path, List<string> parts)
    {
        if (parts.Count > 2 || (parts.Count == 2 && !parts[1].Equals("INSTR", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ResourceNameException(resource, "a serial resource is ASRL[board][::INSTR] or ASRL/dev/ttyX::INSTR.");
        }

        return new ResourceName
        {
            Original = resource, Interface = InterfaceType.Asrl, Board = board, Class = ResourceClass.Instr,
            SerialDevicePath = path.Length > 0 ? path : null,
            Canonical = path.Length > 0 ? $"ASRL{path}::INSTR" : $"ASRL{board}::INSTR",
        };
    }

    private static int ParseNumber(string resource, string text, string what) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ResourceNameException(resource, $"'{text}' is not a valid {what}.");
}
