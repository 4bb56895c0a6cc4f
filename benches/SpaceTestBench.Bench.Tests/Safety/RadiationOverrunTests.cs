using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Testing;
using SpaceTestBench.Visa;

namespace SpaceTestBench.Bench.Tests.Safety;

/// <summary>
/// The dose and fluence overrun interlocks are the backstop for a facility whose own target stop fails.
/// The failure provoked here is a real one: someone at the facility console clears the target while the
/// bench is exposing (a second client on the facility adapter, behind the bench's back). The bench still
/// knows the target its steps commanded, so the exposure is stopped just past target + tolerance.
/// </summary>
public sealed class RadiationOverrunTests
{
    private const double Tolerance = 0.05; // simulated.bench.json: "tolerance": "5 %"

    [Test]
    public async Task A_gamma_exposure_running_past_its_target_is_stopped_by_the_dose_overrun_interlock()
    {
        await using var bench = await OpenAsync();
        var source = bench.Role<IGammaSource>(BenchRoles.GammaSource).Instrument;
        await source.ResetDoseAsync();
        await source.SetDoseRateAsync(0.01); // 3.6 krad(Si)/h
        await source.SetDoseTargetAsync(1.0); // 100 rad(Si)
        await source.SetSourceUpAsync(true);
        await ConsoleCommandAsync(bench, BenchRoles.GammaSource, "DOSE:TARGet 0");

        var stopped = Assert.ThrowsAsync<InterlockTrippedException>(() => bench.WaitAsync(TimeSpan.FromHours(1)));

        Assert.That(stopped!.Trip.Kind, Is.EqualTo(InterlockKind.DoseOverrun));
        var readingGray = stopped.Trip.Reading.SiValue;
        Assert.That(readingGray, Is.GreaterThan(1.0 * (1 + Tolerance)).And.LessThan(1.3), "caught just past target + tolerance");
        Assert.That(stopped.Trip.Limit.SiValue, Is.EqualTo(1.0 * (1 + Tolerance)).Within(1e-9));
        AssertSafeStateRan(bench);
        bench.Safety.BeginScenario(null);
        Assert.That(await source.IsSourceUpAsync(), Is.False, "the source went down");
    }

    [Test]
    public async Task A_beam_exposure_running_past_its_fluence_target_is_stopped_by_the_fluence_overrun_interlock()
    {
        await using var bench = await OpenAsync();
        var beam = bench.Role<IParticleBeam>(BenchRoles.ParticleBeam).Instrument;
        await beam.SelectSpeciesAsync("C");
        await beam.ResetFluenceAsync();
        await beam.SetFluxAsync(1e4 * 1e4); // 1e4 ions/cm²/s
        await beam.SetFluenceTargetAsync(1e6 * 1e4); // 1e6 ions/cm²
        await beam.SetShutterOpenAsync(true);
        await ConsoleCommandAsync(bench, BenchRoles.ParticleBeam, "BEAM:FLUence:TARGet 0");

        var stopped = Assert.ThrowsAsync<InterlockTrippedException>(() => bench.WaitAsync(TimeSpan.FromHours(1)));

        Assert.That(stopped!.Trip.Kind, Is.EqualTo(InterlockKind.FluenceOverrun));
        var readingPerSquareMetre = stopped.Trip.Reading.SiValue;
        Assert.That(readingPerSquareMetre, Is.GreaterThan(1e10 * (1 + Tolerance)).And.LessThan(1.2e10), "caught just past target + tolerance");
        AssertSafeStateRan(bench);
        bench.Safety.BeginScenario(null);
        Assert.That(await beam.IsShutterOpenAsync(), Is.False, "the shutter closed");
    }

    [Test]
    public async Task An_exposure_that_stops_at_its_target_does_not_trip()
    {
        await using var bench = await OpenAsync();
        var source = bench.Role<IGammaSource>(BenchRoles.GammaSource).Instrument;
        await source.ResetDoseAsync();
        await source.SetDoseRateAsync(0.01);
        await source.SetDoseTargetAsync(1.0);
        await source.SetSourceUpAsync(true);

        await bench.WaitAsync(TimeSpan.FromHours(1));

        Assert.That(bench.Safety.Trips, Is.Empty);
        Assert.That((await source.MeasureDoseAsync()).Gray, Is.EqualTo(1.0).Within(0.1), "the facility stopped at its target");
    }

    private static Task<BenchSession> OpenAsync()
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        return BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!));
    }

    /// <summary>A command from another client of the same instrument, as a facility console would send it.</summary>
    private static async Task ConsoleCommandAsync(BenchSession bench, string role, string command)
    {
        var instrumentId = bench.Definition.Roles[role].InstrumentId;
        var resource = bench.Instruments.Single(i => i.Definition.Id == instrumentId).Resource;
        await using var console = await VisaResourceManager.OpenAsync(resource);
        await console.FormattedIO.WriteLineAsync(command);
        Assert.That(await console.FormattedIO.QueryAsync("SYST:ERR?"), Does.StartWith("0,").Or.StartWith("+0,"));
    }

    private static void AssertSafeStateRan(BenchSession bench)
    {
        var safe = bench.Safety.SafeStates.Single(s => s.Reason == SafeStateReason.InterlockTrip);
        Assert.That(safe.Stages[0].Name, Is.EqualTo("radiation off"));
        Assert.That(safe.Complete, Is.True);
    }
}
