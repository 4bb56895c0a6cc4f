using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests.Definitions;

/// <summary>What the shipped bench file and DUT profile say about the facility, the calibration records and the test article.</summary>
public sealed class FacilityDefinitionTests
{
    [Test]
    public void The_simulated_bench_states_its_facility_ambient_calibration_certificates_and_dosimetry()
    {
        var bench = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));

        Assert.That(bench.Facility!.Name, Is.EqualTo("SpaceTestBench simulated facility"));
        Assert.That(bench.Facility.DocumentPrefix, Is.EqualTo("STB-SIM"));
        Assert.That(bench.Facility.Accreditation, Is.Null, "a simulated facility claims no accreditation");
        Assert.That(bench.Facility.Ambient!.Temperature, Is.EqualTo("23 °C ± 2 K"));
        Assert.That(bench.Instruments["tvac1"].Calibration, Is.EqualTo(new Results.Provenance.CalibrationRecord(new DateOnly(2028, 12, 15), "SIM-CAL-2026-0103", null, null)));
        Assert.That(bench.Instruments["agent1"].Calibration.NotRequiredBecause, Does.Contain("measures no physical quantity"));
        Assert.That(bench.Instruments["beam1"].Calibration, Is.EqualTo(new Results.Provenance.CalibrationRecord(new DateOnly(2028, 11, 30), "SIM-DOS-2026-0008", null, null)),
            "a heavy-ion facility's fluence dosimetry is calibrated (its reference detector, traceable): the beam line carries that record, so the default report flags no spurious deviation");
        Assert.That(bench.Instruments["beam1"].Dosimetry!.Method, Does.Contain("surface-barrier detector").And.Contain("traceable"));
        Assert.That(bench.Instruments["co60"].Dosimetry!.FilterBox, Does.Contain("Pb/Al"));
        Assert.That(bench.Instruments["beam1"].Dosimetry!.Ions.Single(i => i.Name == "XE").Range, Is.EqualTo("73 µm"));
    }

    [Test]
    public void The_reference_DUT_profile_identifies_the_test_article_and_its_control_samples()
    {
        var dut = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc.json"));

        Assert.That(dut.TestArticle!.PartNumber, Is.EqualTo("RH-SOC-1-CQ256-V"));
        Assert.That((dut.TestArticle.Lot, dut.TestArticle.DateCode, dut.TestArticle.Delidded), Is.EqualTo(("W2619-07", "2619", (bool?)true)));
        Assert.That(dut.TestArticle.ControlSamples, Is.EqualTo(new[] { "RH1-0042.C1", "RH1-0042.C2" }));
    }

    [Test]
    public void A_lid_state_that_is_not_true_or_false_is_refused_naming_the_path()
    {
        var text = File.ReadAllText(TestRepository.Path("fixtures/duts/rad-hard-soc.json")).Replace("\"delidded\": true", "\"delidded\": \"yes\"", StringComparison.Ordinal);
        var file = Path.Combine(TestRepository.ScratchFolder("dut-article"), "dut.json");
        File.WriteAllText(file, text);

        var error = Assert.Throws<BenchConfigurationException>(() => DutProfileLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.testArticle.delidded"));
        Assert.That(error.Message, Does.Contain(file).And.Contain("true (lid removed"));
    }

    [Test]
    public void An_ion_energy_given_as_a_length_is_refused_naming_the_path()
    {
        var text = File.ReadAllText(TestRepository.Path("benches/simulated.bench.json")).Replace("\"energy\": \"995 MeV\"", "\"energy\": \"995 m\"", StringComparison.Ordinal)
            .Replace("\"dut\": \"../fixtures/duts/rad-hard-soc.json\"", $"\"dut\": \"{TestRepository.Path("fixtures/duts/rad-hard-soc.json")}\"", StringComparison.Ordinal);
        var file = Path.Combine(TestRepository.ScratchFolder("bench-ion"), "ion.bench.json");
        File.WriteAllText(file, text);

        var error = Assert.Throws<BenchConfigurationException>(() => BenchDefinitionLoader.Load(file));

        Assert.That(error!.JsonPath, Is.EqualTo("$.instruments.beam1.dosimetry.ions.XE.energy"));
    }
}
