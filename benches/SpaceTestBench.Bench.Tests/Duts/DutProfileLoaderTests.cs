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
    public void Every_quantity_of_the_physics_sections_arrives_in_the_simulations_working_units()
    {
        var dut = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/cots-ai-accelerator.json"));
        var physics = dut.Physics!;

        Assert.That(dut.Rail("io").MaximumVoltage!.Value.In(Units.Volt), Is.EqualTo(1.98));
        Assert.That(physics.Thermal!.CaseTimeConstantSeconds, Is.EqualTo(180));
        Assert.That(physics.Thermal.LeakageReferenceKelvin, Is.EqualTo(298.15).Within(1e-9));
        Assert.That(physics.Thermal.LeakageDoublingKelvin, Is.EqualTo(25));
        Assert.That(physics.TotalDose!.LeakageDoseScaleRad, Is.EqualTo(7000).Within(1e-9));
        Assert.That(physics.TotalDose.OxideShiftVoltsPerRad, Is.EqualTo(1.2e-6).Within(1e-15), "1.2 mV/krad(Si)");
        Assert.That(physics.TotalDose.AnnealTimeConstantSeconds, Is.EqualTo(300 * 3600));
        Assert.That(physics.TotalDose.CorruptionOnsetDoseRad, Is.EqualTo(2000).Within(1e-9));
        Assert.That(physics.TotalDose.CorruptionProbabilityPerRad, Is.EqualTo(0.002 / 1000).Within(1e-15), "0.2 %/krad(Si)");
        Assert.That(physics.SingleEvents!.UpsetBits, Is.EqualTo(64e6));
        Assert.That(physics.SingleEvents.Upset!.HeavyIon!.SaturationCrossSection, Is.EqualTo(1e-9).Within(1e-18), "cm²/bit");
        Assert.That(physics.SingleEvents.Upset.Proton!.Threshold, Is.EqualTo(5).Within(1e-9), "MeV");
        Assert.That(physics.SingleEvents.Latchup!.Rail, Is.EqualTo("io"));
        Assert.That(physics.SingleEvents.Latchup.HeavyIon.Threshold, Is.EqualTo(8).Within(1e-9), "MeV·cm²/mg");
        Assert.That(physics.SingleEvents.Latchup.ReferenceKelvin, Is.EqualTo(358.15).Within(1e-9));
        Assert.That(physics.SingleEvents.Latchup.BurnoutSeconds, Is.EqualTo(2));
        Assert.That(physics.Workload.InferencesPerSecond, Is.EqualTo(400));
        Assert.That(physics.OpticalTerminal!.DataRateBitsPerSecond, Is.EqualTo(10e9));
        Assert.That(physics.OpticalTerminal.SensitivityWatts, Is.EqualTo(1e-3 * Math.Pow(10, -3.2)).Within(1e-15), "-32 dBm");
        Assert.That(physics.OpticalTerminal.BeamDivergenceRadians, Is.EqualTo(25e-6).Within(1e-15));
        Assert.That(dut.DoseLimits!.LeakageIncrease!.Value.In(Units.Milliampere), Is.EqualTo(100).Within(1e-9));
    }

    [Test]
    public void The_rad_hard_part_latches_only_above_the_cocktail_at_its_worst_case_and_the_commercial_one_at_a_moderate_LET()
    {
        var hardened = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc.json")).Physics!;
        var commercial = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/cots-ai-accelerator.json")).Physics!;

        // The same latch-up physics for both: the hardened part's threshold at 125 °C (plus self-heating) and 3.6 V
        // lies above the 62.5 MeV·cm²/mg of the cocktail; cooler or at a lower voltage it rises further.
        var latchup = hardened.SingleEvents!.Latchup!;
        Assert.That(latchup.At(273.15 + 140, 3.6).Threshold, Is.GreaterThan(62.5), "immune to the cocktail at its worst case");
        Assert.That(latchup.At(273.15 + 85, 3.3).Threshold, Is.GreaterThan(latchup.At(273.15 + 125, 3.6).Threshold), "cooler and at nominal supply the threshold rises");
        Assert.That(hardened.TotalDose!.FunctionalFailureDoseRad, Is.GreaterThan(3 * commercial.TotalDose!.FunctionalFailureDoseRad));
        Assert.That(commercial.SingleEvents!.Latchup!.At(358.15, 1.98).Threshold, Is.LessThan(10), "SEL at a moderate LET when hot and at maximum voltage");
    }

    [Test]
    public void Every_shipped_profile_has_a_latch_path_on_its_core_rail_whose_threshold_the_physics_places()
    {
        var hardened = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc.json")).Physics!.SingleEvents!;
        var tolerant = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-tolerant-soc.json")).Physics!.SingleEvents!;
        var commercial = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/cots-ai-accelerator.json")).Physics!.SingleEvents!;

        Assert.That(new[] { hardened, tolerant, commercial }.Select(s => string.Join(",", s.Latchups.Select(l => l.Rail))), Is.All.EqualTo("io,core"));
        var hardCore = hardened.Latchups.Single(l => l.Rail == "core");
        var tolerantCore = tolerant.Latchups.Single(l => l.Rail == "core");
        var commercialCore = commercial.Latchups.Single(l => l.Rail == "core");
        Assert.That(hardCore.At(273.15 + 140, 1.98).Threshold, Is.GreaterThan(62.5), "the hardened core is immune to the cocktail at its worst case");
        Assert.That(tolerantCore.At(273.15 + 136, 1.98).Threshold, Is.LessThan(62.5), "the tolerant core latches under the cocktail when hot at maximum supply");
        Assert.That(tolerantCore.At(273.15 + 93, 1.98).Threshold, Is.GreaterThan(62.5), "and not at 85 °C (its junction a few kelvin above)");
        Assert.That((1.98 - tolerantCore.HoldingVolts) / tolerantCore.LatchResistanceOhms, Is.InRange(tolerantCore.HoldingAmperes, 0.1),
            "its latch holds, at tens of mA: a micro-latch on a core rail drawing about 0.9 A");
        Assert.That(commercialCore.HoldingVolts, Is.GreaterThan(0.88), "the commercial 0.8 V core cannot hold a latch below V_hold at its 0.88 V maximum");
    }

    [Test]
    public void Two_latch_paths_on_one_rail_are_reported_with_their_JSON_path()
    {
        var text = File.ReadAllText(TestRepository.Path("fixtures/duts/rad-tolerant-soc.json"));
        const string core = "\"rail\": \"core\",\n        \"source\"";
        Assert.That(text, Does.Contain(core), "the test edits the shipped profile");
        var file = Path.Combine(TestRepository.ScratchFolder("dut"), "two-io-paths.json");
        File.WriteAllText(file, text.Replace(core, "\"rail\": \"io\",\n        \"source\"", StringComparison.Ordinal));

        var error = Assert.Throws<BenchConfigurationException>(() => DutProfileLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.singleEventEffects.latchup[1].rail"));
        Assert.That(error.Message, Does.Contain("already has a latch-up path"));
    }

    [TestCase("\"leakageDoublingTemperature\": \"30 K\"", "\"leakageDoublingTemperature\": \"30 °C\"", "$.thermal.leakageDoublingTemperature", "temperature difference")]
    [TestCase("\"leakageRail\": \"core\"", "\"leakageRail\": \"vcc\"", "$.totalIonizingDose.leakageRail", "no supply rail 'vcc'")]
    [TestCase("\"reboundFraction\": \"30 %\"", "\"reboundFraction\": \"130 %\"", "$.totalIonizingDose.reboundFraction", "between 0 and 100 %")]
    [TestCase("\"thresholdLet\": \"12 MeV·cm²/mg\"", "\"thresholdLet\": \"12 MeV\"", "$.singleEventEffects.upset.heavyIon.thresholdLet", "linear energy transfer is expected")]
    [TestCase("\"saturationCrossSection\": \"5e-9 cm²/bit\"", "\"saturationCrossSection\": \"5e-9 cm²\"", "$.singleEventEffects.upset.heavyIon.saturationCrossSection", "is a area")]
    [TestCase("\"modulation\": \"DPSK\"", "\"modulation\": \"QAM64\"", "$.opticalTerminal.modulation", "OOK, DPSK or BPSK-homodyne")]
    [TestCase("\"modulation\": \"DPSK\"", "\"modulation\": \"OOK\"", "$.opticalTerminal.sensitivity", "needs its sensitivity")]
    [TestCase("\"inferenceRate\": \"20 Hz\"", "\"inferenceRate\": \"20\"", "$.workload.inferenceRate", "has no unit")]
    [TestCase("\"nominalVoltage\": \"1.8 V\"", "\"nominalVoltage\": \"-1.8 V\"", "$.supplies.core.nominalVoltage", "outside the physical range of a DUT")]
    [TestCase("\"inputCapacitance\": \"220 µF\"", "\"inputCapacitance\": \"1e30 F\"", "$.supplies.core.model.inputCapacitance", "at most 1 F")]
    public void A_physics_section_that_cannot_be_used_is_reported_with_its_JSON_path(string original, string replacement, string path, string problem)
    {
        var text = File.ReadAllText(TestRepository.Path("fixtures/duts/rad-hard-soc.json"));
        Assert.That(text, Does.Contain(original), "the test edits the shipped profile");
        var file = Path.Combine(TestRepository.ScratchFolder("dut"), "broken.json");
        File.WriteAllText(file, text.Replace(original, replacement, StringComparison.Ordinal));

        var error = Assert.Throws<BenchConfigurationException>(() => DutProfileLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo(path));
        Assert.That(error.Message, Does.Contain(problem));
    }

    [Test]
    public void A_profile_in_the_foundation_format_with_supplies_only_still_loads()
    {
        var file = Path.Combine(TestRepository.ScratchFolder("dut"), "minimal.json");
        File.WriteAllText(file, """
            { "id": "m", "name": "minimal", "supplies": { "core": { "nominalVoltage": "1.2 V", "currentLimit": "1 A",
              "supplyCurrent": { "min": "1 mA", "max": "500 mA", "source": "datasheet table 3, I_DD" },
              "model": { "dynamicCurrent": "100 mA", "leakageCurrent": "10 mA", "leakageVoltageScale": "100 mV", "powerOnResetVoltage": "0.8 V" } } } }
            """);

        var dut = DutProfileLoader.Load(file);

        Assert.That(dut.Physics!.Thermal, Is.Null);
        Assert.That(dut.Physics.SingleEvents, Is.Null);
        Assert.That(dut.Physics.OpticalTerminal, Is.Null);
        Assert.That(dut.ToSimulation().SupplyLoads["core"].NominalVolts, Is.EqualTo(1.2));
    }

    [TestCase("fixtures/duts/rad-hard-soc.json")]
    [TestCase("fixtures/duts/rad-hard-soc-leaky.json")]
    [TestCase("fixtures/duts/rad-tolerant-soc.json")]
    [TestCase("fixtures/duts/cots-ai-accelerator.json")]
    public void Every_limit_of_a_shipped_profile_names_its_source(string profile)
    {
        var dut = DutProfileLoader.Load(TestRepository.Path(profile));

        Assert.That(dut.Rails.Values.Select(r => r.SupplyCurrentSource), Has.All.Contain("datasheet").And.Contain("supply current"));
        Assert.That(dut.DoseLimits!.Source, Does.Contain("post-irradiation parametric limits"));
        Assert.That(dut.SingleEventLimits!.Source, Does.Contain("SEFI cross-section"));
        Assert.That(dut.SingleEventLimits.FunctionalInterruptCrossSection!.Value.Dimension, Is.EqualTo(Dimension.Area));
        Assert.That(dut.SingleEventLimits.ProtonFunctionalInterruptCrossSection!.Value.Dimension, Is.EqualTo(Dimension.Area));
    }

    [TestCase("\"source\": \"RH-SoC-1 datasheet (simulated reference part), DC characteristics: core", "\"note\": \"core", "$.supplies.core.supplyCurrent.source")]
    [TestCase("\"source\": \"RH-SoC-1 detail specification", "\"note\": \"RH-SoC-1 detail specification", "$.totalIonizingDose.limits.source")]
    [TestCase("\"source\": \"RH-SoC-1 datasheet (simulated reference part), radiation", "\"note\": \"radiation", "$.singleEventEffects.limits.source")]
    public void A_limit_without_its_source_is_refused_naming_where_the_source_belongs(string original, string replacement, string path)
    {
        var text = File.ReadAllText(TestRepository.Path("fixtures/duts/rad-hard-soc.json"));
        Assert.That(text, Does.Contain(original), "the test edits the shipped profile");
        var file = Path.Combine(TestRepository.ScratchFolder("dut-source"), "unsourced.json");
        // The source's key renamed to one the section does not know, then dropped: what is left is a limit without a source.
        File.WriteAllText(file, System.Text.RegularExpressions.Regex.Replace(text.Replace(original, replacement, StringComparison.Ordinal), ", \"note\": \"[^\"]*\"", ""));

        var error = Assert.Throws<BenchConfigurationException>(() => DutProfileLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo(path));
        Assert.That(error.Message, Does.Contain("every limit names its source"));
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
