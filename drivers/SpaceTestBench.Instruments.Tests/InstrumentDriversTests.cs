using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Instruments.Tests;

public sealed class InstrumentDriversTests
{
    [TestCase("Keysight E36312A", typeof(IDcPowerSupply))]
    [TestCase("R&S NGP804", typeof(IDcPowerSupply))]
    [TestCase("Keithley 2450", typeof(ILatchupMonitor))]
    [TestCase("Watlow F4T", typeof(IThermalVacuumChamber))]
    [TestCase("Watlow F4T", typeof(IThermalChamber))]
    [TestCase("ESPEC P300", typeof(IThermalChamber))]
    [TestCase("Keysight N7764A", typeof(IOpticalAttenuator))]
    [TestCase("Anritsu MP1900A", typeof(IBitErrorTester))]
    [TestCase("Facility beam adapter", typeof(IParticleBeam))]
    [TestCase("Facility gamma adapter", typeof(IGammaSource))]
    [TestCase("Facility link emulator", typeof(ILinkEmulator))]
    [TestCase("Facility thermal shock chamber", typeof(IThermalShockChamber))]
    [TestCase("DUT test agent", typeof(IDutAgent))]
    public void The_catalogue_knows_each_model_and_the_roles_its_driver_can_play(string model, Type role)
    {
        Assert.That(InstrumentDrivers.TryGet(model.ToUpperInvariant(), out var driver), Is.True, "model names are case-insensitive");
        Assert.That(driver.Roles, Does.Contain(role));
    }

    [Test]
    public void A_chamber_without_vacuum_does_not_claim_to_be_a_thermal_vacuum_chamber()
    {
        InstrumentDrivers.TryGet("ESPEC P300", out var driver);

        Assert.That(driver.Roles, Does.Not.Contain(typeof(IThermalVacuumChamber)));
    }

    [Test]
    public void Every_driver_creates_an_instrument_of_its_model()
    {
        foreach (var driver in InstrumentDrivers.All)
        {
            var instrument = driver.Create(new TranscriptSession());
            Assert.That(instrument.Model, Is.EqualTo(driver.Model));
            Assert.That(driver.Roles.All(r => r.IsInstanceOfType(instrument)), Is.True, driver.Model);
        }
    }
}
