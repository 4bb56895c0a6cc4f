using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests.Duts;

public sealed class DutProfileLoaderTests
{
    [TestCase("fixtures/duts/rad-hard-soc.json")]
    [TestCase("fixtures/duts/rad-hard-soc-leaky.json")]
    public void Every_shipped_profile_loads(string profile)
    {
        var dut = DutProfileLoader.Load(TestRepository.Path(profile));

        var core = dut.Rail("core");
        Assert.That(core.NominalVoltage.In(Units.Volt), Is.EqualTo(1.8));
        Assert.That(core.SupplyCurrent.Comparison, Is.EqualTo(LimitComparison.GELE));
        Assert.That(core.SupplyCurrent.High!.Value.In(Units.Milliampere), Is.EqualTo(450));
    }

    [Test]
    public void The_leaky_sample_really_exceeds_its_limit_at_plus_five_percent_and_the_typical_part_does_not()
    {
        var typical = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc.json")).Rail("core");
        var leaky = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc-leaky.json")).Rail("core");

        Assert.That(typical.Load.CurrentAt(1.89, default), Is.LessThan(0.450));
        Assert.That(leaky.Load.CurrentAt(1.89, default), Is.GreaterThan(0.450));
        Assert.That(leaky.Load.CurrentAt(1.71, default), Is.LessThan(0.450));
    }

    [Test]
    public void A_quantity_with_the_wrong_unit_names_its_JSON_path()
    {
        var text = File.ReadAllText(TestRepository.Path("fixtures/duts/rad-hard-soc.json")).Replace("\"1.8 V\"", "\"1.8 A\"", StringComparison.Ordinal);
        var file = Path.Combine(TestRepository.ScratchFolder("dut"), "wrong-unit.json");
        File.WriteAllText(file, text);

        var error = Assert.Throws<BenchConfigurationException>(() => DutProfileLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.supplies.core.nominalVoltage"));
        Assert.That(error.Message, Does.Contain("'1.8 A' is a current; a voltage is expected"));
    }

    [Test]
    public void Asking_for_a_rail_the_DUT_lacks_names_the_rails_it_has()
    {
        var dut = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc.json"));

        var error = Assert.Throws<BenchConfigurationException>(() => dut.Rail("aux"));

        Assert.That(error!.Message, Does.Contain("no supply rail 'aux'").And.Contain("core, io"));
    }
}
