using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SpaceTestBench.Visa.Resources;

/// <summary>
/// The VPP-4.3 §4.3.1 grammar. Fields are separated by <c>::</c> outside brackets (so IPv6 hosts survive);
/// every error names the field that is wrong and shows the form expected.
/// </summary>
internal static class ResourceNameParser
{
    private const string TcpipForms = "TCPIP[board]::host[::device name][::INSTR] or TCPIP[board]::host::port::SOCKET";
    private const string AsrlForms = "ASRL[board][::INSTR], ASRL/dev/ttyX[::INSTR] or COMn";
    private const string GpibForms = "GPIB[board]::primary[::secondary][::INSTR] or GPIB[board]::INTFC";
    private const string UsbForms = "USB[board]::manufacturer ID::model code::serial number[::interface][::INSTR|::RAW]";

    private static readonly (string Prefix, InterfaceType Type)[] Interfaces =
        [("TCPIP", InterfaceType.Tcpip), ("ASRL", InterfaceType.Asrl), ("GPIB", InterfaceType.Gpib), ("USB", InterfaceType.Usb)];

    public static ResourceName Parse(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var text = resource.Trim();
        if (text.Length == 0)
        {
            throw new ResourceNameException(resource, "the resource string is empty; expected e.g. TCPIP::192.168.1.10::INSTR.");
        }

        if (text.StartsWith("visa://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ResourceNameException(resource, "remote VISA resources (visa://host/resource) are not supported; name the instrument directly.");
        }

        if (TryParseComAlias(resource, text) is { } alias)
        {
            return alias;
        }

        var fields = Split(resource, text);
        var (type, board, path) = InterfaceOf(resource, fields[0]);
        return type switch
        {
            InterfaceType.Tcpip => ParseTcpip(resource, board, fields),
            InterfaceType.Asrl => ParseAsrl(resource, board, path, fields),
            InterfaceType.Gpib => ParseGpib(resource, board, fields),
            _ => ParseUsb(resource, board, fields),
        };
    }

    private static ResourceName? TryParseComAlias(string resource, string text)
    {
        // Windows' COMn alias; VPP-4.3 ties COM1/COM2 to ASRL1/ASRL2.
        if (!text.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || text.Contains("::", StringComparison.Ordinal))
        {
            return null;
        }

        var digits = text[3..];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new ResourceNameException(resource, $"'{text}' is not a serial port alias; expected COMn with n ≥ 1, or {AsrlForms}.");
        }

        var port = Number(resource, digits, "COM port number", 1, 255);
        return new ResourceName
        {
            Original = resource, Interface = InterfaceType.Asrl, Board = port, Class = ResourceClass.Instr,
            Alias = text.ToUpperInvariant(), Canonical = $"ASRL{port}::INSTR",
        };
    }

    private static List<string> Split(string resource, string text)
    {
        var fields = new List<string>();
        var start = 0;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    if (depth < 0)
                    {
                        throw new ResourceNameException(resource, $"']' at position {i + 1} has no matching '['.");
                    }

                    break;
                case ':' when depth == 0 && i + 1 < text.Length && text[i + 1] == ':':
                    fields.Add(text[start..i]);
                    start = i + 2;
                    i++;
                    break;
                case ' ' or '\t':
                    throw new ResourceNameException(resource, $"whitespace at position {i + 1}; a resource string has none.");
            }
        }

        if (depth != 0)
        {
            throw new ResourceNameException(resource, "an IPv6 host's '[' has no matching ']'.");
        }

        fields.Add(text[start..]);
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Length == 0)
            {
                throw new ResourceNameException(resource, i == fields.Count - 1
                    ? "the resource string ends with '::'; a field is missing after it."
                    : $"field {i + 1} is empty (two '::' in a row).");
            }
        }

        return fields;
    }

    private static (InterfaceType Type, int Board, string Path) InterfaceOf(string resource, string head)
    {
        foreach (var (prefix, type) in Interfaces)
        {
            if (!head.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = head[prefix.Length..];
            if (rest.Length == 0)
            {
                return (type, 0, "");
            }

            if (rest.All(char.IsAsciiDigit))
            {
                return (type, Number(resource, rest, $"{prefix} board number", 0, 65535), "");
            }

            if (type == InterfaceType.Asrl && rest.StartsWith('/'))
            {
                return (type, 0, rest);
            }

            throw new ResourceNameException(resource, $"'{head}' is not an interface with a board number (e.g. {prefix} or {prefix}0).");
        }

        throw new ResourceNameException(resource, $"'{head}' is not a known interface type; expected TCPIP, ASRL, GPIB or USB (e.g. TCPIP::host::INSTR).");
    }

    private static ResourceName ParseTcpip(string resource, int board, List<string> fields)
    {
        if (fields.Count < 2)
        {
            throw new ResourceNameException(resource, $"a TCPIP resource needs a host; expected {TcpipForms}.");
        }

        var hostField = fields[1];
        var host = Host(resource, hostField);
        var last = fields[^1];
        if (last.Equals("SOCKET", StringComparison.OrdinalIgnoreCase))
        {
            if (fields.Count != 4)
            {
                throw new ResourceNameException(resource, fields.Count < 4
                    ? "the port is missing: a SOCKET resource is TCPIP[board]::host::port::SOCKET."
                    : "too many fields for a SOCKET resource; expected TCPIP[board]::host::port::SOCKET.");
            }

            var port = Number(resource, fields[2], "port", 1, 65535);
            return new ResourceName
            {
                Original = resource, Interface = InterfaceType.Tcpip, Board = board, Class = ResourceClass.Socket,
                Host = host, Port = port, Protocol = LanProtocol.Socket,
                Canonical = $"TCPIP{board}::{hostField}::{port}::SOCKET",
            };
        }

        var hasClass = last.Equals("INSTR", StringComparison.OrdinalIgnoreCase);
        var count = hasClass ? fields.Count - 1 : fields.Count;
        if (count > 3)
        {
            throw new ResourceNameException(resource, $"'{last}' is not a TCPIP resource class; expected {TcpipForms}.");
        }

        var device = count == 3 ? fields[2] : ResourceName.DefaultLanDeviceName;
        if (device.All(char.IsAsciiDigit))
        {
            throw new ResourceNameException(resource, $"'{device}' looks like a port, not a LAN device name; a raw socket is TCPIP[board]::host::{device}::SOCKET.");
        }

        var isHiSlip = device.StartsWith("hislip", StringComparison.OrdinalIgnoreCase);
        int? hislipPort = null;
        if (isHiSlip)
        {
            // IVI-6.1 §2.1 / VPP-4.3: hislipN[,port]
            var comma = device.IndexOf(',', StringComparison.Ordinal);
            var name = comma < 0 ? device : device[..comma];
            if (!name[6..].All(char.IsAsciiDigit))
            {
                throw new ResourceNameException(resource, $"'{device}' is not a HiSLIP device name; expected hislipN or hislipN,port.");
            }

            hislipPort = comma < 0 ? ResourceName.DefaultHiSlipPort : Number(resource, device[(comma + 1)..], "HiSLIP port", 1, 65535);
        }
        else if (device.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is ',' or '_' or '.' or '-')))
        {
            throw new ResourceNameException(resource, $"'{device}' is not a valid LAN device name (e.g. inst0, hislip0, gpib0,5).");
        }

        return new ResourceName
        {
            Original = resource, Interface = InterfaceType.Tcpip, Board = board, Class = ResourceClass.Instr,
            Host = host, DeviceName = device, Port = hislipPort, Protocol = isHiSlip ? LanProtocol.HiSlip : LanProtocol.Vxi11,
            Canonical = $"TCPIP{board}::{hostField}::{device}::INSTR",
        };
    }

    private static string Host(string resource, string field)
    {
        if (field.StartsWith('['))
        {
            var inner = field.EndsWith(']') ? field[1..^1] : null;
            if (inner is null || !IPAddress.TryParse(inner, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new ResourceNameException(resource, $"'{field}' is not a bracketed IPv6 address (e.g. [fe80::1]).");
            }

            return inner;
        }

        if (field.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
        {
            throw new ResourceNameException(resource, $"'{field}' is not a host name or address; an IPv6 address goes in brackets ([fe80::1]).");
        }

        return field;
    }

    private static ResourceName ParseAsrl(string resource, int board, string path, List<string> fields)
    {
        if (fields.Count > 2)
        {
            throw new ResourceNameException(resource, $"too many fields for a serial resource; expected {AsrlForms}.");
        }

        if (fields.Count == 2 && !fields[1].Equals("INSTR", StringComparison.OrdinalIgnoreCase))
        {
            throw new ResourceNameException(resource, $"'{fields[1]}' is not a serial resource class; expected {AsrlForms}.");
        }

        return new ResourceName
        {
            Original = resource, Interface = InterfaceType.Asrl, Board = board, Class = ResourceClass.Instr,
            SerialDevicePath = path.Length > 0 ? path : null,
            Canonical = path.Length > 0 ? $"ASRL{path}::INSTR" : $"ASRL{board}::INSTR",
        };
    }

    private static ResourceName ParseGpib(string resource, int board, List<string> fields)
    {
        var last = fields[^1];
        if (last.Equals("INTFC", StringComparison.OrdinalIgnoreCase))
        {
            return fields.Count == 2
                ? new ResourceName { Original = resource, Interface = InterfaceType.Gpib, Board = board, Class = ResourceClass.Intfc, Canonical = $"GPIB{board}::INTFC" }
                : throw new ResourceNameException(resource, $"a GPIB interface resource has no address; expected {GpibForms}.");
        }

        var hasClass = last.Equals("INSTR", StringComparison.OrdinalIgnoreCase);
        var count = hasClass ? fields.Count - 1 : fields.Count;
        if (count < 2)
        {
            throw new ResourceNameException(resource, $"a GPIB resource needs a primary address; expected {GpibForms}.");
        }

        if (count > 3)
        {
            throw new ResourceNameException(resource, $"'{last}' is not a GPIB resource class; expected {GpibForms}.");
        }

        var primary = Number(resource, fields[1], "GPIB primary address", 0, 30);
        int? secondary = count == 3 ? Number(resource, fields[2], "GPIB secondary address", 0, 30) : null;
        return new ResourceName
        {
            Original = resource, Interface = InterfaceType.Gpib, Board = board, Class = ResourceClass.Instr,
            PrimaryAddress = primary, SecondaryAddress = secondary,
            Canonical = secondary is null ? $"GPIB{board}::{primary}::INSTR" : $"GPIB{board}::{primary}::{secondary}::INSTR",
        };
    }

    private static ResourceName ParseUsb(string resource, int board, List<string> fields)
    {
        var last = fields[^1];
        var resourceClass = last.Equals("RAW", StringComparison.OrdinalIgnoreCase) ? ResourceClass.Raw : ResourceClass.Instr;
        var hasClass = resourceClass == ResourceClass.Raw || last.Equals("INSTR", StringComparison.OrdinalIgnoreCase);
        var count = hasClass ? fields.Count - 1 : fields.Count;
        if (count is < 4 or > 5)
        {
            throw new ResourceNameException(resource, count < 4
                ? $"a USB resource needs manufacturer ID, model code and serial number; expected {UsbForms}."
                : $"'{last}' is not a USB resource class; expected {UsbForms}.");
        }

        var manufacturer = UsbNumber(resource, fields[1], "USB manufacturer ID");
        var model = UsbNumber(resource, fields[2], "USB model code");
        var serial = fields[3];
        int? usbInterface = count == 5 ? Number(resource, fields[4], "USB interface number", 0, 255) : null;
        var suffix = resourceClass == ResourceClass.Raw ? "RAW" : "INSTR";
        return new ResourceName
        {
            Original = resource, Interface = InterfaceType.Usb, Board = board, Class = resourceClass,
            ManufacturerId = manufacturer, ModelCode = model, SerialNumber = serial, UsbInterfaceNumber = usbInterface,
            Canonical = usbInterface is null
                ? $"USB{board}::0x{manufacturer:X4}::0x{model:X4}::{serial}::{suffix}"
                : $"USB{board}::0x{manufacturer:X4}::0x{model:X4}::{serial}::{usbInterface}::{suffix}",
        };
    }

    private static int UsbNumber(string resource, string text, string what)
    {
        // VPP-4.3 writes USB IDs in hex with 0x; decimal is accepted as well.
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex is >= 0 and <= 0xFFFF
                ? hex
                : throw new ResourceNameException(resource, $"'{text}' is not a valid {what} (0x0000–0xFFFF).");
        }

        return Number(resource, text, what, 0, 0xFFFF);
    }

    private static int Number(string resource, string text, string what, int minimum, int maximum)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new ResourceNameException(resource, $"'{text}' is not a valid {what}; expected a number from {minimum} to {maximum}.");
        }

        return value >= minimum && value <= maximum
            ? value
            : throw new ResourceNameException(resource, $"{what} {value} is outside {minimum}–{maximum}.");
    }
}
