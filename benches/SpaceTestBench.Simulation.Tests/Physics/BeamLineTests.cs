using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>Fluence = ∫ flux dt while the shutter is open; LET_eff = LET/cos θ; D = 1.602e-5·LET·Φ.</summary>
public sealed class BeamLineTests
{
    private const double PerSquareCentimetre = 1e4;
    private const double MeVSquareCentimetrePerMilligram = 1.602176634e-11;
    private Rig _rig = null!;
    private FacilityBeamAdapter _beam = null!;

    [SetUp]
    public async Task Open()
    {
        _rig = Rig.Create(TestDuts.Plain);
        (_beam, _) = await _rig.OpenAsync(new FacilityBeamAdapterSimulator(_rig.Facility, "HIF-T", irradiatesDut: true), s => new FacilityBeamAdapter(s));
    }

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task Fluence_grows_with_flux_times_open_time_and_not_while_the_shutter_is_closed()
    {
        await _beam.SelectSpeciesAsync("KR");
        await _beam.SetFluxAsync(2e4 * PerSquareCentimetre);
        await _beam.SetShutterOpenAsync(true);
        _rig.AdvanceSeconds(250);
        await _beam.SetShutterOpenAsync(false);
        _rig.AdvanceSeconds(1000);

        var fluence = await _beam.MeasureFluenceAsync();

        Assert.That(fluence / PerSquareCentimetre, Is.EqualTo(5e6).Within(1e-3), "2e4 ions/cm²/s for 250 s");
    }

    [Test]
    public async Task Tilting_the_DUT_raises_the_effective_LET_by_one_over_cos_theta()
    {
        await _beam.SelectSpeciesAsync("XE");
        await _beam.SetTiltAsync(Math.PI / 3);

        var beam = await _beam.GetBeamAsync();

        Assert.That(beam.LinearEnergyTransfer / MeVSquareCentimetrePerMilligram, Is.EqualTo(62.5).Within(1e-6));
        Assert.That(beam.EffectiveLinearEnergyTransfer / MeVSquareCentimetrePerMilligram, Is.EqualTo(125).Within(1e-6), "62.5/cos 60°");
    }

    [Test]
    public async Task The_beam_deposits_1_602e_minus_5_LET_times_fluence_rad()
    {
        await _beam.SelectSpeciesAsync("XE");
        await _beam.SetFluxAsync(1e4 * PerSquareCentimetre);
        await _beam.SetShutterOpenAsync(true);
        _rig.AdvanceSeconds(1000);

        var gray = await _beam.MeasureDoseAsync();

        Assert.That(gray * 100, Is.EqualTo(1.602176634e-5 * 62.5 * 1e7).Within(1e-3), "≈10 krad(Si) for LET 62.5 at 1e7 ions/cm² (reference §2)");
        Assert.That(_rig.Facility.Observe().DoseRad, Is.EqualTo(gray * 100).Within(1e-3), "the DUT absorbed it");
    }

    [Test]
    public async Task A_fluence_target_closes_the_shutter_exactly_at_the_target()
    {
        await _beam.SetFluxAsync(3e3 * PerSquareCentimetre);
        await _beam.SetFluenceTargetAsync(1e7 * PerSquareCentimetre);
        await _beam.SetShutterOpenAsync(true);
        _rig.AdvanceHours(2);

        Assert.That(await _beam.IsShutterOpenAsync(), Is.False);
        Assert.That(await _beam.MeasureFluenceAsync() / PerSquareCentimetre, Is.EqualTo(1e7).Within(1e-2));
    }

    [Test]
    public async Task With_its_request_line_seen_the_adapter_reports_the_shutter_closing_by_itself_and_is_not_asked_while_quiet()
    {
        var simulator = new FacilityBeamAdapterSimulator(_rig.Facility, "HIF-L", irradiatesDut: false);
        var (session, faults, _) = await _rig.ServeAsync(simulator);
        var beam = new FacilityBeamAdapter(new ServiceRequestLineSession(session, simulator));
        await beam.OpenAsync();
        await beam.SetFluxAsync(1e3 * PerSquareCentimetre);
        await beam.SetFluenceTargetAsync(1e6 * PerSquareCentimetre);
        await beam.SetShutterOpenAsync(true);
        var messages = faults.Messages;

        _rig.AdvanceSeconds(999);
        var before = await beam.IsShutterOpenAsync();
        var asked = faults.Messages - messages;
        _rig.AdvanceSeconds(2);
        var lineAfter = simulator.ServiceRequestAsserted;
        var after = await beam.IsShutterOpenAsync();

        Assert.That(before, Is.True, "1e6 ions/cm² at 1e3 ions/cm²/s take 1000 s");
        Assert.That(asked, Is.Zero, "the line was quiet: nothing closed the shutter since it was opened");
        Assert.That(lineAfter, Is.True, "the beam line closed the shutter at the target between messages, and the line follows it at once");
        Assert.That(after, Is.False);
        Assert.That(simulator.ServiceRequestAsserted, Is.False, "the look read the closing event");
    }

    [Test]
    public async Task With_its_request_line_seen_a_closing_by_another_client_is_seen_at_the_next_look()
    {
        var simulator = new FacilityBeamAdapterSimulator(_rig.Facility, "HIF-L", irradiatesDut: false);
        var (session, _, _) = await _rig.ServeAsync(simulator);
        var beam = new FacilityBeamAdapter(new ServiceRequestLineSession(session, simulator));
        await beam.OpenAsync();
        await beam.SetShutterOpenAsync(true);
        using var facilityConsole = simulator.Connect();

        Assert.That(await beam.IsShutterOpenAsync(), Is.True);
        facilityConsole.Execute("BEAM:SHUT CLOS"u8);
        facilityConsole.Execute("BEAM:SHUT OPEN"u8);
        facilityConsole.Execute("BEAM:SHUT CLOS"u8);
        Assert.That(await beam.IsShutterOpenAsync(), Is.False, "the facility's own close latched the event and asserted the line");
        facilityConsole.Execute("BEAM:SHUT OPEN"u8);
        Assert.That(await beam.IsShutterOpenAsync(), Is.True, "read again after the event was read: open");
    }

    [Test]
    public async Task Proton_energy_sets_the_LET_and_heavy_ion_energy_is_fixed()
    {
        await _beam.SelectSpeciesAsync("PROTON");
        await _beam.SetEnergyAsync(67 * 1.602176634e-13);
        var proton = await _beam.GetBeamAsync();
        await _beam.SelectSpeciesAsync("XE");

        var error = Assert.ThrowsAsync<ScpiInstrumentException>(() => _beam.SetEnergyAsync(100 * 1.602176634e-13));

        Assert.That(proton.LinearEnergyTransfer / MeVSquareCentimetrePerMilligram, Is.EqualTo(0.00849).Within(1e-5),
            "1e10 p/cm² at 67 MeV deposits 1.36 krad(Si)");
        Assert.That(error!.Code, Is.EqualTo(-221));
    }

    [Test]
    public async Task Settings_outside_the_beam_lines_ranges_are_refused_with_the_instruments_errors()
    {
        var flux = Assert.ThrowsAsync<ScpiInstrumentException>(() => _beam.SetFluxAsync(1e7 * PerSquareCentimetre));
        var tilt = Assert.ThrowsAsync<ScpiInstrumentException>(() => _beam.SetTiltAsync(85 * Math.PI / 180));
        await _beam.SetShutterOpenAsync(true);
        var species = Assert.ThrowsAsync<ScpiInstrumentException>(() => _beam.SelectSpeciesAsync("KR"));
        var unknown = Assert.ThrowsAsync<ScpiInstrumentException>(() => _beam.SelectSpeciesAsync("AU"));

        Assert.That(flux!.Code, Is.EqualTo(-222), "1e7 ions/cm²/s is above the heavy-ion line's 1e6");
        Assert.That(tilt!.Code, Is.EqualTo(-222));
        Assert.That(species!.Code, Is.EqualTo(-221), "no species change with the shutter open");
        Assert.That(unknown!.Code, Is.EqualTo(-224));
    }
}
