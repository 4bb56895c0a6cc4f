using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Drivers;

/// <summary>The two-zone thermal shock chamber's driver against its simulator: the elevator's travel, the load's lag behind the zone air.</summary>
public sealed class ShockChamberSimulatorTests
{
    private const double ZeroCelsius = 273.15;
    private Rig _rig = null!;

    [SetUp]
    public void Create() => _rig = Rig.Create(TestDuts.Plain);

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task The_basket_reports_itself_moving_for_the_elevators_travel_then_in_the_zone()
    {
        var chamber = await ReadyAsync(loadTimeConstant: TimeSpan.FromMinutes(3));

        await chamber.MoveBasketAsync(ShockZone.Cold);
        _rig.AdvanceSeconds(ThermalShockChamberSpec.Default.TransferSeconds - 1);
        var during = await chamber.GetBasketPositionAsync();
        _rig.AdvanceSeconds(1);

        Assert.That(during, Is.EqualTo(BasketPosition.Moving));
        Assert.That(await chamber.GetBasketPositionAsync(), Is.EqualTo(BasketPosition.Cold));
    }

    [Test]
    public async Task A_slower_elevator_takes_its_own_travel_time()
    {
        var chamber = await ReadyAsync(TimeSpan.FromMinutes(3), ThermalShockChamberSpec.Default with { TransferSeconds = 75 });

        await chamber.MoveBasketAsync(ShockZone.Cold);
        _rig.AdvanceSeconds(60);

        Assert.That(await chamber.GetBasketPositionAsync(), Is.EqualTo(BasketPosition.Moving), "still travelling after the minute TM 1010 allows");
    }

    [Test]
    public async Task The_load_closes_the_gap_to_the_zone_air_as_a_first_order_lag_with_its_time_constant()
    {
        var chamber = await ReadyAsync(TimeSpan.FromMinutes(3));

        await chamber.MoveBasketAsync(ShockZone.Cold);
        _rig.AdvanceSeconds(ThermalShockChamberSpec.Default.TransferSeconds);
        var start = await chamber.MeasureLoadTemperatureAsync() - ZeroCelsius;
        _rig.AdvanceSeconds(180);
        var afterTau = await chamber.MeasureLoadTemperatureAsync() - ZeroCelsius;

        // T(τ) = T_air + (T0 − T_air)/e: the cold zone's refrigeration covers the load's draw, so its air holds −60 °C.
        Assert.That(start, Is.EqualTo(23).Within(0.5), "the lot was loaded at room temperature and the shaft barely changes it in 10 s");
        Assert.That(afterTau, Is.EqualTo(-60 + ((start + 60) / Math.E)).Within(0.5));
        Assert.That(await chamber.MeasureZoneTemperatureAsync(ShockZone.Cold) - ZeroCelsius, Is.EqualTo(-60).Within(0.5));
    }

    [Test]
    public async Task A_heavier_load_takes_longer_to_reach_the_extreme()
    {
        async Task<double> MinutesToReachAsync(TimeSpan timeConstant)
        {
            await using var rig = Rig.Create(TestDuts.Plain);
            var (chamber, _) = await rig.OpenAsync(new FacilityShockChamberSimulator(rig.Facility, "TSC-T", seed: 5), s => new FacilityShockChamber(s));
            await chamber.SetHotZoneSetpointAsync(ZeroCelsius + 130);
            await chamber.SetColdZoneSetpointAsync(ZeroCelsius - 60);
            rig.AdvanceHours(2);
            rig.Facility.LoadShockBasket(timeConstant);
            await chamber.MoveBasketAsync(ShockZone.Cold);
            for (var minutes = 0.0; minutes < 60; minutes += 0.25)
            {
                if (await chamber.MeasureLoadTemperatureAsync() - ZeroCelsius <= -55)
                {
                    return minutes;
                }

                rig.AdvanceSeconds(15);
            }

            return double.PositiveInfinity;
        }

        var nominal = await MinutesToReachAsync(TimeSpan.FromMinutes(3));
        var heavy = await MinutesToReachAsync(TimeSpan.FromMinutes(6));

        // From 23 °C towards −60 °C, −55 °C is reached after τ·ln(83/5) = 2.8 τ (plus the 10 s transfer).
        Assert.That(nominal, Is.EqualTo(2.81 * 3).Within(0.5));
        Assert.That(heavy, Is.EqualTo(2.81 * 6).Within(0.5));
        Assert.That(heavy, Is.GreaterThan(15), "past the 15 min TM 1010 allows");
    }

    private async Task<FacilityShockChamber> ReadyAsync(TimeSpan loadTimeConstant, ThermalShockChamberSpec? spec = null)
    {
        var (chamber, _) = await _rig.OpenAsync(new FacilityShockChamberSimulator(_rig.Facility, "TSC-T", seed: 5, spec), s => new FacilityShockChamber(s));
        await chamber.SetHotZoneSetpointAsync(ZeroCelsius + 130);
        await chamber.SetColdZoneSetpointAsync(ZeroCelsius - 60);
        _rig.AdvanceHours(2);
        _rig.Facility.LoadShockBasket(loadTimeConstant);
        return chamber;
    }
}
