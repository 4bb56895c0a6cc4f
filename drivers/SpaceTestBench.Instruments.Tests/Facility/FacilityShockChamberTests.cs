using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;

namespace SpaceTestBench.Instruments.Tests.Facility;

public sealed class FacilityShockChamberTests
{
    private const string NoError = "0,\"No error\"";

    [Test]
    public async Task Zones_basket_and_load_are_pinned_in_celsius()
    {
        var session = new TranscriptSession(
            ("HOT:SPO 130;:SYST:ERR?", NoError),
            ("COLD:SPO -60;:SYST:ERR?", NoError),
            ("COLD:SPO?;:SYST:ERR?", "-60.00;" + NoError),
            ("HOT:TEMP?;:SYST:ERR?", "129.96;" + NoError),
            ("BASK:POS COLD;:SYST:ERR?", NoError),
            ("BASK:POS?;:SYST:ERR?", "MOV;" + NoError),
            ("BASK:POS?;:SYST:ERR?", "COLD;" + NoError),
            ("LOAD:TEMP?;:SYST:ERR?", "-41.50;" + NoError));
        var chamber = new FacilityShockChamber(session);

        await chamber.SetHotZoneSetpointAsync(403.15);
        await chamber.SetColdZoneSetpointAsync(213.15);
        var coldSetpoint = await chamber.GetZoneSetpointAsync(ShockZone.Cold);
        var hotAir = await chamber.MeasureZoneTemperatureAsync(ShockZone.Hot);
        await chamber.MoveBasketAsync(ShockZone.Cold);
        var moving = await chamber.GetBasketPositionAsync();
        var arrived = await chamber.GetBasketPositionAsync();
        var load = await chamber.MeasureLoadTemperatureAsync();

        Assert.That(coldSetpoint, Is.EqualTo(213.15).Within(1e-9));
        Assert.That(hotAir, Is.EqualTo(403.11).Within(1e-9));
        Assert.That((moving, arrived), Is.EqualTo((BasketPosition.Moving, BasketPosition.Cold)));
        Assert.That(load, Is.EqualTo(231.65).Within(1e-9));
        session.AssertComplete();
    }

    [Test]
    public void A_basket_position_it_does_not_know_is_a_protocol_error_naming_the_query()
    {
        var session = new TranscriptSession(("BASK:POS?;:SYST:ERR?", "LOST;" + NoError));
        var chamber = new FacilityShockChamber(session);

        var error = Assert.ThrowsAsync<VisaProtocolException>(() => chamber.GetBasketPositionAsync());

        Assert.That(error!.Message, Does.Contain("BASK:POS?").And.Contain("LOST"));
    }

    [Test]
    public async Task The_safe_state_brings_both_zones_to_room_temperature_with_the_basket_in_the_hot_zone()
    {
        var session = new TranscriptSession(
            ("HOT:SPO 25;:SYST:ERR?", NoError),
            ("COLD:SPO 25;:SYST:ERR?", NoError),
            ("BASK:POS HOT;:SYST:ERR?", NoError));

        await new FacilityShockChamber(session).SafeStateAsync();

        session.AssertComplete();
    }
}
