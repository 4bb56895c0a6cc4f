using System.Globalization;
using System.Text;
using SpaceTestBench.Simulation.Clock;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Simulation.Tests.Instruments;

public sealed class KeysightE36312ASimulatorTests
{
    private KeysightE36312ASimulator _simulator = null!;
    private IDeviceSession _session = null!;

    [SetUp]
    public void Connect()
    {
        var facility = new SimulatedFacility(new VirtualClock(DateTimeOffset.UnixEpoch), new SimulatedDut("test DUT", new Dictionary<string, CmosSupplyLoad>()), seed: 7);
        _simulator = new KeysightE36312ASimulator(facility, "MY61000101", seed: 7);
        _simulator.Channels[0].Load = new CmosSupplyLoad(1.8, 0.280, 0.020, 0.250, 1.2);
        _session = _simulator.Connect();
    }

    [TearDown]
    public void Disconnect() => _session.Dispose();

    [Test]
    public void It_identifies_as_an_E36312A_with_its_serial_number()
    {
        Assert.That(Send("*IDN?"), Does.StartWith("Keysight Technologies,E36312A,MY61000101,"));
    }

    [Test]
    public void The_measured_current_follows_the_commanded_voltage_through_the_DUT_load()
    {
        Send("CURR 1,(@1);:OUTP ON,(@1)");

        Send("VOLT 1.71,(@1)");
        var low = double.Parse(Send("MEAS:CURR? (@1)"), CultureInfo.InvariantCulture);
        Send("VOLT 1.89,(@1)");
        var high = double.Parse(Send("MEAS:CURR? (@1)"), CultureInfo.InvariantCulture);

        Assert.That(low, Is.EqualTo(_simulator.Channels[0].Load!.CurrentAt(1.71, default)).Within(5e-4));
        Assert.That(high, Is.EqualTo(_simulator.Channels[0].Load!.CurrentAt(1.89, default)).Within(5e-4));
        Assert.That(high, Is.GreaterThan(low));
    }

    [Test]
    public void A_voltage_beyond_the_channel_rating_is_refused_with_222_and_not_clamped()
    {
        Send("VOLT 1.2,(@1)");
        Send("VOLT 7,(@1)");

        Assert.That(Send("SYST:ERR?"), Does.StartWith("-222,\"Data out of range"));
        Assert.That(double.Parse(Send("VOLT? (@1)"), CultureInfo.InvariantCulture), Is.EqualTo(1.2));
    }

    [Test]
    public void Units_and_multipliers_are_accepted_on_settings()
    {
        Send("VOLT 1800mV,(@1)");
        Send("CURR 250 MA,(@1)");

        Assert.That(double.Parse(Send("VOLT? (@1)"), CultureInfo.InvariantCulture), Is.EqualTo(1.8).Within(1e-12));
        Assert.That(double.Parse(Send("CURR? (@1)"), CultureInfo.InvariantCulture), Is.EqualTo(0.25).Within(1e-12));
    }

    [Test]
    public void A_channel_list_addresses_several_outputs_and_answers_one_value_each()
    {
        Send("OUTP ON,(@1:2)");

        Assert.That(Send("OUTP? (@1:3)"), Is.EqualTo("1,1,0"));
    }

    [Test]
    public void Reset_switches_outputs_off()
    {
        Send("OUTP ON,(@1)");
        Send("*RST");

        Assert.That(Send("OUTP? (@1)"), Is.EqualTo("0"));
        Assert.That(Send("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    [Test]
    public void An_unknown_header_queues_113_and_the_error_queue_then_empties()
    {
        Send("VOLT:BOGUS 3");

        Assert.That(Send("SYST:ERR?"), Does.StartWith("-113,\"Undefined header"));
        Assert.That(Send("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    private string Send(string message)
    {
        var response = _session.Execute(Encoding.ASCII.GetBytes(message));
        return Encoding.ASCII.GetString(response.Span).TrimEnd('\n');
    }
}
