using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Tests.Support;

namespace SpaceTestBench.Visa.Tests.Scpi;

public class ScpiDeviceTests
{
    private TestInstrument _device = null!;
    private IDeviceSession _session = null!;

    [SetUp]
    public void Open()
    {
        _device = new TestInstrument();
        _session = _device.Connect();
        _session.Send("*CLS");
    }

    [TearDown]
    public void Close() => _session.Dispose();

    [Test]
    public void Idn_answers_the_identity()
    {
        Assert.That(_session.Send("*IDN?"), Is.EqualTo("SpaceTestBench,TestInstrument,SN0001,1.0\n"));
    }

    [Test]
    public void A_command_without_a_query_has_no_response()
    {
        Assert.That(_session.Send("VOLT 2"), Is.Empty);
        Assert.That(_device.Voltage[1], Is.EqualTo(2));
    }

    [Test]
    public void Compound_queries_answer_in_one_message_separated_by_semicolons()
    {
        Assert.That(_session.Send("VOLT 2.5;VOLT?;*OPC?"), Is.EqualTo("+2.50000000E+00;1\n"));
    }

    [Test]
    public void A_relative_header_continues_from_the_previous_path()
    {
        _session.Send("SOUR2:VOLT:LEV 3;MEAS:VOLT?");

        Assert.That(_session.DrainErrors(), Is.EqualTo(new[] { "-113,\"Undefined header;MEAS:VOLT?\"" }), "MEAS:VOLT? continues from SOUR2:VOLT: and is undefined there");
        Assert.That(_device.Voltage[2], Is.EqualTo(3));
    }

    [Test]
    public void A_relative_header_may_reach_optional_nodes_of_the_path()
    {
        _session.Send("SOUR2:VOLT 3;VOLT:LEV 4");

        Assert.That(_session.DrainErrors(), Is.Empty, "SOUR2: is the path, so VOLT:LEV is SOUR2:VOLT:LEV");
        Assert.That(_device.Voltage[2], Is.EqualTo(4));
    }

    [Test]
    public void A_sibling_in_the_same_subsystem_keeps_the_path()
    {
        Assert.That(_session.Send("MEAS:VOLT?;:VOLT 7;:MEAS:SCAL:VOLT?;VOLT:DC?"), Is.EqualTo("+0.00000000E+00;+7.00000000E+00;+7.00000000E+00\n"));
        Assert.That(_session.DrainErrors(), Is.Empty);
    }

    [Test]
    public void A_leading_colon_returns_to_the_root_and_common_commands_keep_the_path()
    {
        Assert.That(_session.Send("SOUR3:VOLT 1;*CLS;VOLT?;:OUTP3 ON;:OUTP3?"), Is.EqualTo("+1.00000000E+00;1\n"));
        Assert.That(_session.DrainErrors(), Is.Empty);
    }

    [Test]
    public void An_undefined_header_is_113_and_stops_the_rest_of_the_message()
    {
        Assert.That(_session.Send("BOGUS 1;VOLT 5;*IDN?"), Is.Empty);

        Assert.That(_session.DrainErrors(), Is.EqualTo(new[] { "-113,\"Undefined header;BOGUS 1\"" }));
        Assert.That(_device.Voltage[1], Is.Zero);
    }

    [Test]
    public void An_execution_error_does_not_stop_the_rest_of_the_message()
    {
        Assert.That(_session.Send("VOLT 50;*OPC?"), Is.EqualTo("1\n"));
        Assert.That(_session.DrainErrors(), Is.EqualTo(new[] { "-222,\"Data out of range;50\"" }));
    }

    [Test]
    public void Min_max_def_work_in_commands_and_queries()
    {
        Assert.That(_session.Send("VOLT MAX;VOLT?;VOLT? MIN;VOLT? DEF"), Is.EqualTo("+1.00000000E+01;+0.00000000E+00;+0.00000000E+00\n"));
    }

    [Test]
    public void A_header_suffix_outside_its_range_is_114()
    {
        _session.Send("OUTP7 ON");

        Assert.That(_session.DrainErrors(), Has.One.StartsWith("-114"));
    }

    [Test]
    public void An_unread_parameter_is_108_and_withholds_the_response()
    {
        Assert.That(_session.Send("*IDN? 5"), Is.Empty);
        Assert.That(_session.DrainErrors(), Has.One.StartsWith("-108"));
    }

    [Test]
    public void A_missing_parameter_is_109()
    {
        _session.Send("VOLT");

        Assert.That(_session.DrainErrors(), Has.One.StartsWith("-109"));
    }

    [Test]
    public void A_fault_inside_a_handler_becomes_a_device_specific_error()
    {
        _session.Send("FAIL");

        Assert.That(_session.DrainErrors(), Is.EqualTo(new[] { "-300,\"Device-specific error;InvalidOperationException: simulated fault\"" }));
    }

    [Test]
    public void Esr_reflects_error_classes_and_clears_on_read()
    {
        _session.Send("BOGUS;VOLT 99");

        Assert.That(_session.Send("*ESR?"), Is.EqualTo("32\n"), "-113 only: the message stopped at the command error");
        Assert.That(_session.Send("*ESR?"), Is.EqualTo("0\n"));
        _session.Send("VOLT 99");
        Assert.That(_session.Send("*ESR?"), Is.EqualTo("16\n"));
    }

    [Test]
    public void The_status_byte_shows_error_available_and_event_summary_and_request_service()
    {
        _session.Send("*ESE 32;*SRE 32");
        _session.Send("BOGUS");

        var stb = _session.ReadStatusByte(messageAvailable: true);

        Assert.That(stb, Is.EqualTo(0x04 | 0x10 | 0x20 | 0x40));
        Assert.That(_session.Send("*STB?"), Is.EqualTo("100\n"), "*STB? as a query has no pending message: EAV, ESB, MSS");
    }

    [Test]
    public void Cls_clears_errors_and_events_but_not_enables()
    {
        _session.Send("*ESE 4;BOGUS");
        _session.Send("*CLS");

        Assert.That(_session.Send("*ESR?;*ESE?;SYST:ERR:COUN?"), Is.EqualTo("0;4;0\n"));
    }

    [Test]
    public void Power_on_is_in_the_event_register_until_read()
    {
        using var fresh = new TestInstrument().Connect();

        Assert.That(fresh.Send("*ESR?"), Is.EqualTo("128\n"));
    }

    [Test]
    public void The_operation_register_latches_rising_conditions_into_stb_bit_7()
    {
        _session.Send("STAT:OPER:ENAB 16;:CONDITION:SET 16");

        Assert.That(_session.Send("STAT:OPER:COND?;*STB?;:STAT:OPER?;:STAT:OPER?"), Is.EqualTo("16;128;16;0\n"));
    }

    [Test]
    public void Rst_resets_settings_but_not_the_error_queue()
    {
        _session.Send("VOLT 3;BOGUS");
        _session.Send("*RST");

        Assert.That((_device.Voltage[1], _device.Resets), Is.EqualTo((0.0, 1)));
        Assert.That(_session.DrainErrors(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Syst_err_all_reads_every_error_and_empties_the_queue()
    {
        _session.Send("BOGUS");
        _session.Send("VOLT 99");

        Assert.That(_session.Send("SYST:ERR:ALL?"), Is.EqualTo("-113,\"Undefined header;BOGUS\",-222,\"Data out of range;99\"\n"));
        Assert.That(_session.Send("SYST:ERR?"), Is.EqualTo("0,\"No error\"\n"));
    }

    [Test]
    public void Blocks_are_sent_with_a_definite_length_header()
    {
        _device.Data = [0x41, 0x0A, 0x42];

        Assert.That(_session.Send("DATA?"), Is.EqualTo("#13A\nB\n"));
    }

    [Test]
    public void A_block_parameter_reaches_the_handler_intact()
    {
        _session.Send("DATA #15a\nb;c;DATA:LENG?");

        Assert.That(_device.ReceivedBlock, Is.EqualTo("a\nb;c"u8.ToArray()));
    }

    [Test]
    public void Protocol_triggers_and_trg_reach_the_instrument()
    {
        _session.Trigger();
        _session.Send("*TRG");

        Assert.That(_device.Triggers, Is.EqualTo(2));
    }

    [Test]
    public void Message_exchange_errors_reported_by_the_protocol_are_queued()
    {
        _session.ReportMessageExchangeError(MessageExchangeError.QueryInterrupted);
        _session.ReportMessageExchangeError(MessageExchangeError.QueryUnterminated);

        Assert.That(_session.DrainErrors(), Is.EqualTo(new[] { "-410,\"Query INTERRUPTED\"", "-420,\"Query UNTERMINATED\"" }));
        Assert.That(_session.Send("*ESR?"), Is.EqualTo("4\n"));
    }

    [Test]
    public void Declaring_a_command_twice_is_refused()
    {
        var tree = new ScpiCommandTree().Command("VOLTage", _ => { });

        Assert.That(() => tree.Command("VOLTage", _ => { }), Throws.ArgumentException.With.Message.Contains("declared twice"));
    }
}
