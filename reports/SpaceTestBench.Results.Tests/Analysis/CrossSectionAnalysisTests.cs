using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests.Analysis;

public class CrossSectionAnalysisTests
{
    private static SingleEventExposure Exposure(double let, double fluence, long events, double tilt = 0, long? bits = null) =>
        new(new Quantity(let, CrossSectionAnalysis.LetUnit), new Quantity(tilt, Units.Parse("°")), new Quantity(fluence, CrossSectionAnalysis.FluenceUnit), events, bits);

    [Test]
    public void Cross_section_is_events_over_fluence()
    {
        var point = CrossSectionAnalysis.Compute([Exposure(37.4, 1e7, 42)]).Single();

        Assert.That(point.CrossSection.Value, Is.EqualTo(4.2e-6).Within(1e-12));
        Assert.That(point.CrossSection.Unit.Symbol, Is.EqualTo("cm²"));
        Assert.That(point.Lower.Value, Is.LessThan(4.2e-6));
        Assert.That(point.Upper.Value, Is.GreaterThan(4.2e-6));
    }

    [Test]
    public void A_sixty_degree_tilt_doubles_the_effective_LET_and_halves_the_effective_fluence()
    {
        var point = CrossSectionAnalysis.Compute([Exposure(10, 2e7, 50, tilt: 60)]).Single();

        Assert.That(point.EffectiveLet.Value, Is.EqualTo(20).Within(1e-9));
        Assert.That(point.EffectiveFluence.Value, Is.EqualTo(1e7).Within(1e-3));
        Assert.That(point.CrossSection.Value, Is.EqualTo(5e-6).Within(1e-12));
    }

    [Test]
    public void No_events_give_the_zero_event_upper_bound()
    {
        var point = CrossSectionAnalysis.Compute([Exposure(60, 1e7, 0)]).Single();

        Assert.That(point.ZeroEvents, Is.True);
        Assert.That(point.CrossSection.Value, Is.Zero);
        Assert.That(point.Upper.Value, Is.EqualTo(3.689e-7).Within(1e-10));
    }

    [Test]
    public void Cross_sections_are_per_bit_when_every_exposure_gives_its_bits()
    {
        var points = CrossSectionAnalysis.Compute([Exposure(20, 1e7, 400, bits: 1_000_000), Exposure(40, 1e7, 800, bits: 1_000_000)]);

        Assert.That(points[0].CrossSection.Value, Is.EqualTo(4e-11).Within(1e-18));
    }

    [Test]
    public void LET_in_other_units_is_converted()
    {
        var exposure = new SingleEventExposure(
            Quantity.Parse("37400 MeV·cm²/g"), Quantity.Parse("0 °"), Quantity.Parse("1e7 ions/cm²"), 10);

        Assert.That(CrossSectionAnalysis.Compute([exposure]).Single().EffectiveLet.Value, Is.EqualTo(37.4).Within(1e-9));
    }

    [Test]
    public void A_fluence_in_the_wrong_dimension_is_a_unit_error()
    {
        var exposure = new SingleEventExposure(Quantity.Parse("10 MeV·cm²/mg"), Quantity.Parse("0 °"), Quantity.Parse("1e7 V"), 10);

        Assert.Throws<UnitMismatchException>(() => CrossSectionAnalysis.Compute([exposure]));
    }

    [TestCase(0.0, 0.0, "positive fluence")]
    [TestCase(1e7, 85.0, "tilted")]
    public void Impossible_exposures_are_refused(double fluence, double tilt, string reason)
    {
        var error = Assert.Throws<AnalysisException>(() => CrossSectionAnalysis.Compute([Exposure(10, fluence, 3, tilt)]));
        Assert.That(error!.Message, Does.Contain(reason));
    }
}
