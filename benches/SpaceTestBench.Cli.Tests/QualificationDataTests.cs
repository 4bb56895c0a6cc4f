using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// What the steps record is what a defensible analysis needs: the pre-irradiation reference as the settled
/// D = 0 point of each drift, every drift point with its dose rate, sample, bias and anneal; sweep points the
/// attenuator cannot reach as deviations; the scenario's own thermal criteria; the receiver's modulation.
/// </summary>
public sealed class QualificationDataTests
{
    private const string Tid = """
          Scenario: Reference, two dose steps and a hot anneal
            Given a fresh sample of the DUT is mounted
            And the DUT is powered at its nominal supply voltages
            And the gamma source is set to 36 krad(Si)/h, inside the window from 3.6 krad(Si)/h to 180 krad(Si)/h
            And the DUT parametrics before irradiation are recorded once its supply current changes by less than 0.1 mA over 5 min, waiting at most 1 h
            When the DUT is irradiated in steps to 0.1 and 0.2 krad(Si), its parametrics tested within 1 h of each step
            And the DUT anneals biased for 2 h at 100 °C, its parametrics tested at 24 °C
        """;

    [Test]
    public async Task The_reference_before_irradiation_is_taken_once_the_part_has_settled_and_is_the_zero_dose_point_of_the_drift()
    {
        // The commercial part self-heats by tens of mA over minutes; 0.1 krad(Si) adds a few hundredths of a mA.
        var (run, output) = await RunAsync("tid", Tid, "fixtures/duts/cots-ai-accelerator.json");

        var leakage = run.Measurements.Where(m => m.Name == "core supply current (TID)").ToList();
        var reference = leakage.Single(m => m.Conditions[WellKnownConditions.TotalIonisingDose].SiValue == 0);
        var firstStep = leakage.First(m => m.Conditions[WellKnownConditions.TotalIonisingDose].SiValue > 0 && !m.Conditions.ContainsKey(WellKnownConditions.AnnealTime));
        var annealed = leakage.Single(m => m.Conditions.ContainsKey(WellKnownConditions.AnnealTime));
        Assert.Multiple(() =>
        {
            Assert.That(Math.Abs(firstStep.Value.In(Units.Milliampere) - reference.Value.In(Units.Milliampere)), Is.LessThan(1),
                $"self-heating is not mistaken for drift\n{output}");
            Assert.That(run.Series.Any(s => s.Info.Name == "core supply current while settling before irradiation" && s.Count > 30), Is.True, "the settling is evidence");
            Assert.That(run.Events.Any(e => e.Message.StartsWith("The DUT settled at its bias before irradiation", StringComparison.Ordinal)), Is.True);
            Assert.That(run.Events.Any(e => e.Message.StartsWith("The DUT settled at its bias after the anneal at 100 °C", StringComparison.Ordinal)), Is.True,
                "the test after an anneal waits for the same thermal state as the reference");
            foreach (var m in leakage.Concat(run.Measurements.Where(m => m.Name == "threshold voltage (TID)")))
            {
                Assert.That(m.Conditions[WellKnownConditions.DoseRate].In(Units.Parse("krad(Si)/h")), Is.EqualTo(36).Within(1e-9), m.Name);
                Assert.That(m.Conditions[WellKnownConditions.Sample].Value, Is.EqualTo(1), m.Name);
                Assert.That(m.Conditions[WellKnownConditions.SampleBias].Value, Is.EqualTo(1), "irradiated under bias");
            }

            Assert.That(run.Measurements.Count(m => m.Name == "threshold voltage (TID)" && m.Conditions[WellKnownConditions.TotalIonisingDose].SiValue == 0), Is.EqualTo(1));
            Assert.That(annealed.Conditions[WellKnownConditions.AnnealTemperature].In(Units.DegreeCelsius), Is.EqualTo(100).Within(1e-9));
            Assert.That(annealed.Conditions["anneal duration"].In(Units.Hour), Is.EqualTo(2).Within(1e-9));
            Assert.That(run.Measurements.Where(m => m.Name == "functional test result").Select(m => m.Conditions.Keys), Has.None.Contain(WellKnownConditions.TotalIonisingDose),
                "a pass/fail result is never a drift point");
            Assert.That(run.Measurements.Any(m => m.Name.Contains("before irradiation", StringComparison.Ordinal)), Is.False, "the reference has the drift's names");
            var sample = run.Events.Single(e => e.Values.ContainsKey(WellKnownConditions.Sample));
            Assert.That(sample.Message, Does.Contain("serial CX8-TV-0117."));
        });
    }

    [Test]
    public async Task Sweep_points_below_the_attenuators_reach_are_deviations_and_measured_points_carry_the_power_meters_uncertainty()
    {
        const string sweep = """
              Scenario: Sweep past the attenuator's range
                Given a fresh sample of the DUT is mounted
                And the DUT is powered at its nominal supply voltages
                And the bit-error tester sends and checks PRBS 31 against a target bit error ratio of 1e-9
                And the link emulator emulates a clear 500 km link
                When the bit error ratio is measured from -50 dBm down in 2 dB steps, gating 1 s per point, until it exceeds 0.5 or the power reaches -62 dBm
            """;
        var (run, output) = await RunAsync("ber", sweep, "fixtures/duts/rad-hard-soc.json");

        var points = run.Measurements.Where(m => m.Name == "bit errors").ToList();
        var deviations = run.Events.Where(e => e.Kind == BenchEventKind.Deviation && e.Role == "optical attenuator").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(points.Select(p => p.Conditions[WellKnownConditions.ReceivedOpticalPower].In(Units.DecibelMilliwatt)),
                Is.EquivalentTo(new[] { -50.0, -52, -54, -56 }).Using<double>((a, b) => Math.Abs(a - b) < 0.1), output);
            Assert.That(points.Select(p => p.Conditions[WellKnownConditions.ReceivedPowerUncertainty].Value), Has.All.EqualTo(0.2), "the bench file's calibration record");
            Assert.That(points.Select(p => p.Conditions[WellKnownConditions.BitsCompared].Value), Has.All.GreaterThan(1e8));
            Assert.That(deviations.Select(d => d.Message).ToList(), Has.Count.EqualTo(3).And.All.Contain("attenuator at the end of its range").And.All.Contain("point not measured"));
            Assert.That(deviations[0].Message, Does.StartWith("Commanded -58 dBm, reached -56.4 dBm"), "1 W through two 10 cm telescopes over 500 km: −9.9 dBm, less 1.5 dB insertion loss and 45 dB of attenuation");
            var modulation = run.Run.Info.Dut.Characteristics.Single(c => c.Key == "optical terminal: modulation");
            Assert.That(modulation.Value, Is.EqualTo("DPSK"));
        });
    }

    [Test]
    public async Task A_cycling_scenario_records_its_own_stability_criteria_before_its_profile()
    {
        const string cycling = """
              Scenario: One short cycle
                Given a fresh sample of the DUT is mounted
                And the DUT is powered off
                And the thermal chamber ramps at 10 °C/min
                And the DUT counts as settled within 1.5 K of the setpoint, changing less than 2 °C/h over 12 min
                When the thermal chamber cycles the DUT 1 times between -20 °C and 60 °C, dwelling 7 min at each extreme once settled
            """;
        var (run, output) = await RunAsync("cycling", cycling, "fixtures/duts/rad-hard-soc.json");

        var criteria = run.Events.Single(e => e.Kind == BenchEventKind.Criteria);
        var dut = run.Series.Single(s => s.Info.Name == WellKnownSeries.DutTemperature);
        var firstPoint = dut.Info.Origin + TimeSpan.FromSeconds(dut.X.Span[0]);
        Assert.Multiple(() =>
        {
            Assert.That(criteria.Values[WellKnownCriteria.StabilityTolerance].In(Units.Kelvin), Is.EqualTo(1.5).Within(1e-9), output);
            Assert.That(criteria.Values[WellKnownCriteria.StabilityRate].In(Units.Parse("K/h")), Is.EqualTo(2).Within(1e-9));
            Assert.That(criteria.Values[WellKnownCriteria.StabilityWindow].In(Units.Minute), Is.EqualTo(12).Within(1e-9));
            Assert.That(criteria.Values[WellKnownCriteria.Dwell].In(Units.Minute), Is.EqualTo(7).Within(1e-9));
            Assert.That(criteria.BenchTime, Is.LessThanOrEqualTo(firstPoint), "recorded before the profile starts");
            Assert.That(run.Series.Select(s => s.Info.Name), Is.SupersetOf(new[] { WellKnownSeries.ChamberSetpoint, WellKnownSeries.ChamberAirTemperature, WellKnownSeries.DutTemperature }));
        });
    }

    internal static async Task<(RunResults Run, string Output)> RunAsync(string name, string scenario, string dut)
    {
        var folder = TestRepository.ScratchFolder($"qualification-data-{name}");
        var feature = Path.Combine(folder, "features", $"{name}.feature");
        Directory.CreateDirectory(Path.GetDirectoryName(feature)!);
        await File.WriteAllTextAsync(feature, $"Feature: {name}\n\n{scenario}\n");
        var runFolder = Path.Combine(folder, "run");
        var (exit, output) = await RunCommandTests.Spacebench("run", "--dut", TestRepository.Path(dut), "--features", Path.GetDirectoryName(feature)!, "--out", runFolder);
        Assert.That(exit, Is.Not.EqualTo(ExitCodes.UsageError), output);
        return (ResultStoreReader.Read(runFolder), output);
    }
}
