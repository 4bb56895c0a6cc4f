using SpaceTestBench.Instruments.Watlow;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// The chamber's air follows a ramp limited by the programmed rate and by what the chamber can do, overshoots
/// and settles; the DUT lags the air with its first-order time constant (longer in vacuum) and rises above it
/// by θ·P when powered; the chamber pumps down exponentially.
/// </summary>
public sealed class ThermalTests
{
    private const double ZeroCelsius = 273.15;
    private static readonly DutThermalSpec Thermal = new(240, 2100, 0, 1.2, 14, 298.15, 398.15);
    private Rig _rig = null!;
    private WatlowF4T _chamber = null!;

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task During_a_programmed_ramp_the_air_moves_at_the_ramp_rate()
    {
        await OpenAsync(Thermal);
        await _chamber.SetRampRateAsync(3.0 / 60);
        await _chamber.SetSetpointAsync(ZeroCelsius + 123);

        var slope = await SlopeAsync(20, 30);

        Assert.That(slope, Is.EqualTo(3).Within(0.1), "K/min, once the loop's start-up transient (1/ζω_n ≈ 4 min) has died out");
    }

    [Test]
    public async Task Without_a_ramp_the_chamber_heats_as_fast_as_it_can_and_no_faster()
    {
        await OpenAsync(Thermal);
        await _chamber.SetRampRateAsync(null);
        await _chamber.SetSetpointAsync(ZeroCelsius + 173);

        var slope = await SlopeAsync(15, 22);

        Assert.That(slope, Is.EqualTo(6).Within(0.2), "the TVAC shroud's 6 K/min heating capability");
    }

    [Test]
    public async Task After_a_ramp_the_air_overshoots_by_about_a_kelvin_and_settles()
    {
        await OpenAsync(Thermal);
        await _chamber.SetRampRateAsync(3.0 / 60);
        await _chamber.SetSetpointAsync(ZeroCelsius + 83);
        var peak = double.MinValue;
        for (var minute = 0.0; minute < 60; minute += 0.5)
        {
            _rig.AdvanceSeconds(30);
            peak = Math.Max(peak, await _chamber.MeasureAirTemperatureAsync() - ZeroCelsius);
        }

        _rig.AdvanceHours(1);
        var settled = await _chamber.MeasureAirTemperatureAsync() - ZeroCelsius;

        Assert.That(peak - 83, Is.InRange(0.5, 3.0), "PID overshoot of a compressor/LN2 chamber: 0.5–3 °C");
        Assert.That(settled, Is.EqualTo(83).Within(0.25), "settled to the setpoint within control stability");
    }

    [Test]
    public async Task In_vacuum_the_DUT_closes_on_the_settled_air_with_its_vacuum_time_constant()
    {
        await OpenAsync(Thermal);
        await _chamber.SetVacuumAsync(true);
        _rig.AdvanceHours(2);
        await _chamber.SetRampRateAsync(null);
        await _chamber.SetSetpointAsync(ZeroCelsius + 83);
        _rig.AdvanceSeconds(45 * 60);
        var air = await _chamber.MeasureAirTemperatureAsync();
        var first = await _chamber.MeasureDutTemperatureAsync();
        _rig.AdvanceSeconds(2100);
        var second = await _chamber.MeasureDutTemperatureAsync();

        Assert.That(air - ZeroCelsius, Is.EqualTo(83).Within(0.2), "the air has settled");
        Assert.That((ZeroCelsius + 83 - second) / (ZeroCelsius + 83 - first), Is.EqualTo(Math.Exp(-1)).Within(0.01),
            "one vacuum time constant (35 min) later the remaining lag is 1/e");
    }

    [Test]
    public async Task The_chamber_pumps_down_exponentially_to_its_base_pressure()
    {
        await OpenAsync(Thermal);
        await _chamber.SetVacuumAsync(true);
        _rig.AdvanceHours(1);

        var pascal = await _chamber.MeasurePressureAsync();

        var expected = 1e-5 + ((101_325 - 1e-5) * Math.Exp(-3600.0 / 300));
        Assert.That(pascal, Is.EqualTo(expected).Within(expected * 1e-6));
    }

    [Test]
    public async Task A_powered_DUT_sits_theta_times_power_above_the_air()
    {
        var heated = Thermal with { CaseToAmbientKelvinPerWatt = 6 };
        await OpenAsync(heated);
        var dut = await PoweredDut.StartAsync(_rig);
        await dut.PowerOnAsync();
        _rig.AdvanceHours(1);

        var watts = (await dut.Supply.MeasureVoltageAsync(1) * await dut.Supply.MeasureCurrentAsync(1))
            + (await dut.Supply.MeasureVoltageAsync(2) * await dut.Supply.MeasureCurrentAsync(2));
        var air = await _chamber.MeasureAirTemperatureAsync();
        var case_ = await _chamber.MeasureDutTemperatureAsync();
        var junction = await dut.Agent.MeasureJunctionTemperatureAsync();

        Assert.That(watts, Is.EqualTo(0.71).Within(0.03), "1.8 V × ~0.30 A + 3.3 V × ~0.05 A");
        Assert.That(case_ - air, Is.EqualTo(6 * watts).Within(0.25));
        Assert.That(junction - case_, Is.EqualTo(1.2 * watts).Within(1.0));
    }

    [Test]
    public void A_setpoint_beyond_the_chambers_range_is_the_instruments_222()
    {
        Assert.ThrowsAsync<ScpiInstrumentException>(async () =>
        {
            await OpenAsync(Thermal);
            await _chamber.SetSetpointAsync(ZeroCelsius + 250);
        }, "250 °C is above the chamber's +180 °C");
    }

    private async Task OpenAsync(DutThermalSpec thermal)
    {
        _rig = Rig.Create(TestDuts.Plain with { Thermal = thermal });
        (_chamber, _) = await _rig.OpenAsync(new WatlowF4TSimulator(_rig.Facility, "F4T-T", seed: 6, hostsDut: true), s => new WatlowF4T(s));
    }

    /// <summary>Air temperature slope between two minutes after now, K/min.</summary>
    private async Task<double> SlopeAsync(double fromMinute, double toMinute)
    {
        _rig.AdvanceSeconds(fromMinute * 60);
        var first = await _chamber.MeasureAirTemperatureAsync();
        _rig.AdvanceSeconds((toMinute - fromMinute) * 60);
        var second = await _chamber.MeasureAirTemperatureAsync();
        return (second - first) / (toMinute - fromMinute);
    }
}
