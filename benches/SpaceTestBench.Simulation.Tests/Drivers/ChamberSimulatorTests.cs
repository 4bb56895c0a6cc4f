using SpaceTestBench.Instruments.Espec;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Drivers;

/// <summary>The chamber drivers against their simulators, including the protocols' quirks.</summary>
public sealed class ChamberSimulatorTests
{
    private const double ZeroCelsius = 273.15;
    private Rig _rig = null!;

    [SetUp]
    public void Create() => _rig = Rig.Create(TestDuts.Plain);

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task A_fresh_F4T_answers_in_fahrenheit_until_told_otherwise()
    {
        var (session, _, _) = await _rig.ServeAsync(new WatlowF4TSimulator(_rig.Facility, "F4T-T", seed: 6, hostsDut: true));

        var fahrenheit = double.Parse(await session.FormattedIO.QueryAsync(":SOUR:CLO1:SPO?"), System.Globalization.CultureInfo.InvariantCulture);
        await session.FormattedIO.WriteLineAsync(":UNIT:TEMP C");
        var celsius = double.Parse(await session.FormattedIO.QueryAsync(":SOUR:CLO1:SPO?"), System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(fahrenheit, Is.EqualTo(73.4).Within(0.05), "23 °C");
        Assert.That(celsius, Is.EqualTo(23).Within(0.05));
    }

    [Test]
    public async Task The_P300_ramps_through_its_remote_program_and_holds_the_end_temperature()
    {
        var (chamber, _) = await _rig.OpenAsync(new EspecP300Simulator(_rig.Facility, seed: 4, hostsDut: true), s => new EspecP300(s));
        await chamber.SetRampRateAsync(3.0 / 60);
        await chamber.SetSetpointAsync(ZeroCelsius + 80);
        _rig.AdvanceSeconds(10 * 60);
        var midway = await chamber.MeasureAirTemperatureAsync() - ZeroCelsius;
        _rig.AdvanceHours(1);

        // A second-order loop tracking a ramp r lags by 2ζr/ω_n: 2 × 0.6 × 0.05 K/s / (2π/600 s) = 5.7 K.
        Assert.That(midway, Is.EqualTo(23 + 30 - (2 * 0.6 * 0.05 / (2 * Math.PI / 600))).Within(0.5));
        Assert.That(await chamber.MeasureAirTemperatureAsync() - ZeroCelsius, Is.EqualTo(80).Within(0.25));
        Assert.That(await chamber.GetSetpointAsync() - ZeroCelsius, Is.EqualTo(80).Within(0.05));
    }

    [Test]
    public async Task The_P300_answers_every_command_and_refuses_with_its_own_error_words()
    {
        var (session, _, _) = await _rig.ServeAsync(new EspecP300Simulator(_rig.Facility, seed: 4, hostsDut: true));

        async Task<string> Ask(string command) => await session.FormattedIO.QueryAsync(command + "\r");

        Assert.That(await Ask("TEMP, S25.0"), Is.EqualTo("OK:TEMP,S25.0"));
        Assert.That(await Ask("MODE, CONSTANT"), Is.EqualTo("OK:MODE,CONSTANT"));
        Assert.That(await Ask("MODE?"), Is.EqualTo("CONSTANT"));
        Assert.That(await Ask("TEMP, S200.0"), Is.EqualTo("NA:DATA OUT OF RANGE"));
        Assert.That(await Ask("TEMP, X1"), Is.EqualTo("NA:PARA ERR"));
        Assert.That(await Ask("HUMI?"), Is.EqualTo("NA:CMD ERR"), "a chamber without humidity");
        Assert.That(await Ask("RUN PRGM MON?"), Is.EqualTo("NA:CONT NOT READY-2"), "no remote program running");
    }

    [Test]
    public async Task In_standby_the_P300_stops_controlling_and_drifts_to_ambient()
    {
        var (chamber, _) = await _rig.OpenAsync(new EspecP300Simulator(_rig.Facility, seed: 4, hostsDut: true), s => new EspecP300(s));
        await chamber.SetSetpointAsync(ZeroCelsius + 60);
        _rig.AdvanceHours(1);
        var hot = await chamber.MeasureAirTemperatureAsync() - ZeroCelsius;
        await using (var raw = await SpaceTestBench.Visa.VisaResourceManager.OpenAsync(chamber.Resource))
        {
            Assert.That(await raw.FormattedIO.QueryAsync("MODE, STANDBY\r"), Is.EqualTo("OK:MODE,STANDBY"));
        }

        _rig.AdvanceHours(10);

        Assert.That(hot, Is.EqualTo(60).Within(0.25));
        Assert.That(await chamber.MeasureAirTemperatureAsync() - ZeroCelsius, Is.EqualTo(23).Within(0.25));
    }
}
