using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Tests.Resources;

public class ResourceNameTests
{
    [TestCase("TCPIP::1.2.3.4", "TCPIP0::1.2.3.4::inst0::INSTR")]
    [TestCase("TCPIP::1.2.3.4::INSTR", "TCPIP0::1.2.3.4::inst0::INSTR")]
    [TestCase("tcpip::1.2.3.4::instr", "TCPIP0::1.2.3.4::inst0::INSTR")]
    [TestCase("TCPIP3::scope.lab::inst1::INSTR", "TCPIP3::scope.lab::inst1::INSTR")]
    [TestCase("TCPIP::gw.lab::gpib0,12::INSTR", "TCPIP0::gw.lab::gpib0,12::INSTR")]
    [TestCase("TCPIP::10.0.0.5::hislip0::INSTR", "TCPIP0::10.0.0.5::hislip0::INSTR")]
    [TestCase("TCPIP0::[fe80::1]::hislip0::INSTR", "TCPIP0::[fe80::1]::hislip0::INSTR")]
    [TestCase("TCPIP::[::1]::5025::SOCKET", "TCPIP0::[::1]::5025::SOCKET")]
    [TestCase("tcpip1::Host-A::5025::socket", "TCPIP1::Host-A::5025::SOCKET")]
    [TestCase("ASRL", "ASRL0::INSTR")]
    [TestCase("asrl4::instr", "ASRL4::INSTR")]
    [TestCase("ASRL/dev/ttyUSB0::INSTR", "ASRL/dev/ttyUSB0::INSTR")]
    [TestCase("COM3", "ASRL3::INSTR")]
    [TestCase("GPIB::12", "GPIB0::12::INSTR")]
    [TestCase("gpib1::12::5::instr", "GPIB1::12::5::INSTR")]
    [TestCase("GPIB2::INTFC", "GPIB2::INTFC")]
    [TestCase("USB::0x0957::0x1796::MY5612::INSTR", "USB0::0x0957::0x1796::MY5612::INSTR")]
    [TestCase("usb0::2391::6038::MY5612::0::instr", "USB0::0x0957::0x1796::MY5612::0::INSTR")]
    [TestCase("USB::0x1AB1::0x04CE::DS1ZA1::RAW", "USB0::0x1AB1::0x04CE::DS1ZA1::RAW")]
    public void Expands_to_the_canonical_form(string resource, string canonical)
    {
        Assert.That(ResourceName.Parse(resource).Canonical, Is.EqualTo(canonical));
    }

    [Test]
    public void A_vxi11_resource_names_host_device_and_protocol()
    {
        var name = ResourceName.Parse("TCPIP2::Scope.Lab::inst3::INSTR");

        Assert.Multiple(() =>
        {
            Assert.That(name.Interface, Is.EqualTo(InterfaceType.Tcpip));
            Assert.That(name.Board, Is.EqualTo(2));
            Assert.That(name.Class, Is.EqualTo(ResourceClass.Instr));
            Assert.That(name.Host, Is.EqualTo("Scope.Lab"), "the host keeps the user's case");
            Assert.That(name.DeviceName, Is.EqualTo("inst3"));
            Assert.That(name.Protocol, Is.EqualTo(LanProtocol.Vxi11));
            Assert.That(name.Port, Is.Null);
            Assert.That(name.IsSupported, Is.True);
        });
    }

    [TestCase("TCPIP::h::hislip0::INSTR", 4880)]
    [TestCase("TCPIP::h::HiSLIP2,4881::INSTR", 4881)]
    public void A_hislip_device_name_selects_hislip_and_its_port(string resource, int port)
    {
        var name = ResourceName.Parse(resource);

        Assert.That((name.Protocol, name.Port), Is.EqualTo((LanProtocol.HiSlip, (int?)port)));
    }

    [Test]
    public void A_bracketed_ipv6_host_is_unbracketed_for_connecting()
    {
        var name = ResourceName.Parse("TCPIP0::[fe80::1:2]::5025::SOCKET");

        Assert.That((name.Host, name.Port, name.Protocol), Is.EqualTo(("fe80::1:2", (int?)5025, LanProtocol.Socket)));
    }

    [Test]
    public void Com_alias_is_reported_as_alias_of_the_asrl_resource()
    {
        var name = ResourceName.Parse("com7");

        Assert.That((name.Interface, name.Board, name.Alias, name.Canonical), Is.EqualTo((InterfaceType.Asrl, 7, "COM7", "ASRL7::INSTR")));
    }

    [Test]
    public void A_serial_device_path_is_kept()
    {
        Assert.That(ResourceName.Parse("ASRL/dev/ttyACM1::INSTR").SerialDevicePath, Is.EqualTo("/dev/ttyACM1"));
    }

    [Test]
    public void Gpib_and_usb_parse_with_their_fields_but_are_unsupported()
    {
        var gpib = ResourceName.Parse("GPIB0::7::3::INSTR");
        var usb = ResourceName.Parse("USB0::0x0957::0x1796::MY5612::2::INSTR");

        Assert.Multiple(() =>
        {
            Assert.That((gpib.PrimaryAddress, gpib.SecondaryAddress, gpib.IsSupported), Is.EqualTo(((int?)7, (int?)3, false)));
            Assert.That((usb.ManufacturerId, usb.ModelCode, usb.SerialNumber, usb.UsbInterfaceNumber, usb.IsSupported),
                Is.EqualTo(((int?)0x0957, (int?)0x1796, "MY5612", (int?)2, false)));
            Assert.That(() => gpib.ThrowIfUnsupported(), Throws.TypeOf<ResourceNameException>().With.Message.Contains("GPIB resources are not supported"));
            Assert.That(() => usb.ThrowIfUnsupported(), Throws.TypeOf<ResourceNameException>().With.Message.Contains("USB resources are not supported"));
        });
    }

    [TestCase("", "empty")]
    [TestCase("FOO0::1.2.3.4::INSTR", "'FOO0' is not a known interface type")]
    [TestCase("TCPIPX::1.2.3.4::INSTR", "'TCPIPX' is not an interface with a board number")]
    [TestCase("TCPIP", "needs a host")]
    [TestCase("TCPIP::1.2.3.4::SOCKET", "the port is missing")]
    [TestCase("TCPIP::1.2.3.4::port::SOCKET", "'port' is not a valid port")]
    [TestCase("TCPIP::1.2.3.4::70000::SOCKET", "port 70000 is outside 1–65535")]
    [TestCase("TCPIP::1.2.3.4::5025", "'5025' looks like a port")]
    [TestCase("TCPIP::1.2.3.4::inst0::FOO", "'FOO' is not a TCPIP resource class")]
    [TestCase("TCPIP::1.2.3.4::hislip0,99999::INSTR", "HiSLIP port 99999 is outside")]
    [TestCase("TCPIP::1.2.3.4::hislipX::INSTR", "'hislipX' is not a HiSLIP device name")]
    [TestCase("TCPIP::[fe80::1::INSTR", "'[' has no matching ']'")]
    [TestCase("TCPIP::[not-ipv6]::INSTR", "'[not-ipv6]' is not a bracketed IPv6 address")]
    [TestCase("TCPIP::bad host::INSTR", "whitespace at position 11")]
    [TestCase("TCPIP::a/b::INSTR", "'a/b' is not a host name or address")]
    [TestCase("TCPIP::1.2.3.4::::INSTR", "field 3 is empty")]
    [TestCase("TCPIP::1.2.3.4::", "ends with '::'")]
    [TestCase("ASRL1::SOCKET", "'SOCKET' is not a serial resource class")]
    [TestCase("COMX", "'COMX' is not a serial port alias")]
    [TestCase("COM0", "COM port number 0 is outside 1–255")]
    [TestCase("GPIB::31::INSTR", "GPIB primary address 31 is outside 0–30")]
    [TestCase("GPIB::INSTR", "needs a primary address")]
    [TestCase("USB::0x0957::0x1796::INSTR", "needs manufacturer ID, model code and serial number")]
    [TestCase("USB::0xZZ::0x1796::SN::INSTR", "'0xZZ' is not a valid USB manufacturer ID")]
    [TestCase("visa://host/TCPIP::h::INSTR", "remote VISA resources")]
    public void A_malformed_resource_names_the_bad_part(string resource, string expected)
    {
        Assert.That(() => ResourceName.Parse(resource), Throws.TypeOf<ResourceNameException>().With.Message.Contains(expected));
    }

    [Test]
    public void TryParse_reports_the_error_instead_of_throwing()
    {
        var ok = ResourceName.TryParse("TCPIP::h::0::SOCKET", out var name, out var error);

        Assert.That((ok, name, error), Is.EqualTo((false, (ResourceName?)null, "TCPIP::h::0::SOCKET: port 0 is outside 1–65535.")));
    }

    [Test]
    public void The_exception_carries_the_resource_as_written()
    {
        var e = Assert.Throws<ResourceNameException>(() => ResourceName.Parse("  TCPIP::h::x::SOCKET "));

        Assert.That(e!.Resource, Is.EqualTo("  TCPIP::h::x::SOCKET "));
    }
}
