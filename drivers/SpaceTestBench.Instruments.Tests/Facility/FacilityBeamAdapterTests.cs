using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Tests.Facility;

public sealed class FacilityBeamAdapterTests
{
    private const string NoError = "0,\"No error\"";

    [Test]
    public async Task Open_checks_the_adapter_identifies_as_a_beam_adapter()
    {
        var session = new TranscriptSession(("*IDN?", "SpaceTestBench Facility,BEAM-ADAPTER,HIF-LINE-2,1.0"), ("*CLS", null), ("SYST:ERR?", NoError));

        await new FacilityBeamAdapter(session).OpenAsync();

        session.AssertComplete();
    }

    [Test]
    public async Task SI_settings_become_the_facility_units_on_the_wire()
    {
        var session = new TranscriptSession(
            ("BEAM:SPEC PROTON;:SYST:ERR?", NoError),
            ("BEAM:ENER 67;:SYST:ERR?", NoError),
            ("BEAM:TILT 60;:SYST:ERR?", NoError),
            ("BEAM:FLUX 10000;:SYST:ERR?", NoError),
            ("BEAM:FLU:TARG 10000000;:SYST:ERR?", NoError),
            ("BEAM:FLU:TARG 0;:SYST:ERR?", NoError));
        var beam = new FacilityBeamAdapter(session);

        await beam.SelectSpeciesAsync("PROTON");
        await beam.SetEnergyAsync(67 * 1.602176634e-13);
        await beam.SetTiltAsync(Math.PI / 3);
        await beam.SetFluxAsync(1e8);
        await beam.SetFluenceTargetAsync(1e11);
        await beam.SetFluenceTargetAsync(null);

        session.AssertComplete();
    }

    [Test]
    public async Task The_beam_is_read_back_in_SI()
    {
        var session = new TranscriptSession(
            ("BEAM:SPEC?;:BEAM:ENER?;:BEAM:LET?;:BEAM:LET:EFF?;:BEAM:RANG?;:BEAM:TILT?;:BEAM:FLUX?;:SYST:ERR?",
                "XE;+9.95000000E+02;+6.25000000E+01;+1.25000000E+02;+7.30000000E+01;+6.00000000E+01;+1.00000000E+04;" + NoError));

        var beam = await new FacilityBeamAdapter(session).GetBeamAsync();

        Assert.That(beam.Species, Is.EqualTo("XE"));
        Assert.That(beam.EnergyJoules, Is.EqualTo(995 * 1.602176634e-13).Within(1e-20));
        Assert.That(beam.LinearEnergyTransfer, Is.EqualTo(62.5 * 1.602176634e-11).Within(1e-18));
        Assert.That(beam.EffectiveLinearEnergyTransfer, Is.EqualTo(125 * 1.602176634e-11).Within(1e-18));
        Assert.That(beam.RangeMetres, Is.EqualTo(73e-6).Within(1e-15));
        Assert.That(beam.TiltRadians, Is.EqualTo(Math.PI / 3).Within(1e-12));
        Assert.That(beam.Flux, Is.EqualTo(1e8).Within(1e-3));
        session.AssertComplete();
    }

    [Test]
    public async Task Shutter_fluence_and_dose_are_pinned()
    {
        var session = new TranscriptSession(
            ("BEAM:SHUT OPEN;:SYST:ERR?", NoError),
            ("BEAM:SHUT?;:SYST:ERR?", "CLOS;" + NoError),
            ("BEAM:FLU?;:SYST:ERR?", "+1.00000000E+07;" + NoError),
            ("BEAM:DOSE?;:SYST:ERR?", "+1.00134790E+04;" + NoError),
            ("BEAM:FLU:RES;:SYST:ERR?", NoError),
            ("BEAM:SPEC:CAT?;:SYST:ERR?", "C,NE,XE,PROTON;" + NoError),
            ("BEAM:SHUT CLOS;:SYST:ERR?", NoError));
        var beam = new FacilityBeamAdapter(session);

        await beam.SetShutterOpenAsync(true);
        var open = await beam.IsShutterOpenAsync();
        var fluence = await beam.MeasureFluenceAsync();
        var dose = await beam.MeasureDoseAsync();
        await beam.ResetFluenceAsync();
        var catalog = await beam.GetSpeciesCatalogAsync();
        await beam.SafeStateAsync();

        Assert.That(open, Is.False, "the shutter closed itself at the fluence target");
        Assert.That(fluence, Is.EqualTo(1e11), "1e7 ions/cm² is 1e11 m⁻²");
        Assert.That(dose, Is.EqualTo(100.13479).Within(1e-9), "rad(Si) to Gy");
        Assert.That(catalog, Is.EqualTo(new[] { "C", "NE", "XE", "PROTON" }));
        session.AssertComplete();
    }

    [Test]
    public async Task Shutter_and_fluence_are_read_in_one_message()
    {
        var session = new TranscriptSession(
            ("BEAM:SHUT?;:BEAM:FLU?;:SYST:ERR?", "OPEN;+2.50000000E+06;" + NoError));
        var beam = new FacilityBeamAdapter(session);

        var (open, fluence) = await beam.ReadExposureAsync();

        Assert.That(open, Is.True);
        Assert.That(fluence, Is.EqualTo(2.5e10), "2.5e6 ions/cm² is 2.5e10 m⁻²");
        session.AssertComplete();
    }

    [Test]
    public async Task With_the_request_line_a_look_at_the_open_shutter_sends_nothing_until_the_line_asserts()
    {
        var session = new TranscriptSession(
            ("*IDN?", "SpaceTestBench Facility,BEAM-ADAPTER,HIF-LINE-2,1.0"), ("*CLS", null), ("SYST:ERR?", NoError),
            (":STAT:OPER:ENAB 256;*SRE 128;:SYST:ERR?", NoError),
            ("BEAM:SHUT OPEN;:STAT:OPER?;:SYST:ERR?", "256;" + NoError),
            ("BEAM:SHUT?;:STAT:OPER?;:SYST:ERR?", "CLOS;256;" + NoError));
        var line = new Line();
        var beam = new FacilityBeamAdapter(new ServiceRequestLineSession(session, line));

        await beam.OpenAsync();
        await beam.SetShutterOpenAsync(true);
        var quiet = await beam.IsShutterOpenAsync();
        line.ServiceRequestAsserted = true;
        var closed = await beam.IsShutterOpenAsync();

        Assert.That(quiet, Is.True, "no closing since the shutter was opened and its event read");
        Assert.That(closed, Is.False);
        session.AssertComplete();
    }

    [Test]
    public async Task With_the_request_line_the_shutter_is_asked_again_after_the_driver_closed_it()
    {
        var session = new TranscriptSession(
            ("*IDN?", "SpaceTestBench Facility,BEAM-ADAPTER,HIF-LINE-2,1.0"), ("*CLS", null), ("SYST:ERR?", NoError),
            (":STAT:OPER:ENAB 256;*SRE 128;:SYST:ERR?", NoError),
            ("BEAM:SHUT CLOS;:SYST:ERR?", NoError),
            ("BEAM:SHUT?;:STAT:OPER?;:SYST:ERR?", "CLOS;256;" + NoError));
        var beam = new FacilityBeamAdapter(new ServiceRequestLineSession(session, new Line()));

        await beam.OpenAsync();
        await beam.SafeStateAsync();

        Assert.That(await beam.IsShutterOpenAsync(), Is.False);
        session.AssertComplete();
    }

    [Test]
    public void A_settings_answer_short_of_a_unit_is_a_protocol_error_naming_the_query()
    {
        var session = new TranscriptSession(
            ("BEAM:SPEC?;:BEAM:ENER?;:BEAM:LET?;:BEAM:LET:EFF?;:BEAM:RANG?;:BEAM:TILT?;:BEAM:FLUX?;:SYST:ERR?",
                "XE;+9.95000000E+02;+6.25000000E+01;+1.25000000E+02;+7.30000000E+01;+6.00000000E+01;" + NoError));

        var error = Assert.ThrowsAsync<SpaceTestBench.Visa.VisaProtocolException>(() => new FacilityBeamAdapter(session).GetBeamAsync());

        Assert.That(error!.Message, Does.Contain("seven beam settings"));
    }

    [Test]
    public void A_species_name_that_is_not_a_protocol_word_is_refused_before_sending()
    {
        var session = new TranscriptSession();

        Assert.ThrowsAsync<ArgumentException>(() => new FacilityBeamAdapter(session).SelectSpeciesAsync("XE;:BEAM:SHUT OPEN"));
        Assert.That(session.Sent, Is.Empty);
    }

    private sealed class Line : IServiceRequestLine
    {
        public bool ServiceRequestAsserted { get; set; }
    }
}
