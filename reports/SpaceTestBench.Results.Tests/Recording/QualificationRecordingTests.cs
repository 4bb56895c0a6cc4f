using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Tests.Support;

namespace SpaceTestBench.Results.Tests.Recording;

public class QualificationRecordingTests
{
    private readonly MemorySink _sink = new();
    private ScenarioRecorder _scenario = null!;

    [SetUp]
    public void CreateScenario() =>
        _scenario = new ResultRecorder(new FakeTimeProvider(TestRuns.Start), _sink).StartScenario("f", "F", null, "S", 1, []);

    [Test]
    public void A_parametric_at_a_dose_step_records_the_dose_and_anneal_conditions()
    {
        var m = _scenario.MeasureAtDose("DUT supply current", Quantity.Parse("310 mA"), Quantity.Parse("30 krad(Si)"), annealTime: Quantity.Parse("24 h"));

        Assert.That(m.Conditions[WellKnownConditions.TotalIonisingDose], Is.EqualTo(Quantity.Parse("30 krad(Si)")));
        Assert.That(m.Conditions[WellKnownConditions.AnnealTime], Is.EqualTo(Quantity.Parse("24 h")));
    }

    [Test]
    public void A_single_event_exposure_records_the_count_with_LET_fluence_and_tilt()
    {
        var m = _scenario.RecordSingleEventExposure("SEU", 42, Quantity.Parse("37.4 MeV·cm²/mg"), Quantity.Parse("1e7 ions/cm²"), bitsExposed: 1 << 20);

        Assert.That(m.Name, Is.EqualTo("SEU events"));
        Assert.That(m.Value.Value, Is.EqualTo(42));
        Assert.That(m.Conditions[WellKnownConditions.TiltAngle].Value, Is.Zero);
        Assert.That(m.Conditions[WellKnownConditions.BitsExposed].Value, Is.EqualTo(1 << 20));
    }

    [Test]
    public void A_dose_given_in_volts_is_refused()
    {
        Assert.Throws<UnitMismatchException>(() => _scenario.MeasureAtDose("I", Quantity.Parse("1 mA"), Quantity.Parse("30 V")));
    }

    [Test]
    public void Bit_errors_record_the_received_power_bits_and_target()
    {
        var m = _scenario.RecordBitErrors(12, 10_000_000_000, Quantity.Parse("-31 dBm"), targetBitErrorRatio: 1e-12);

        Assert.That(m.Conditions[WellKnownConditions.BitsCompared].Value, Is.EqualTo(1e10));
        Assert.That(m.Conditions[WellKnownConditions.TargetBitErrorRatio].Value, Is.EqualTo(1e-12));
    }

    [Test]
    public void Inference_errors_record_the_inferences_with_the_other_conditions()
    {
        var m = _scenario.RecordInferenceErrors("ResNet-50 top-1 mismatches", 3, 10_000,
            new Dictionary<string, Quantity> { [WellKnownConditions.Fluence] = Quantity.Parse("1e10 protons/cm²") });

        Assert.That(m.Conditions.Keys, Is.EquivalentTo(new[] { WellKnownConditions.Fluence, WellKnownConditions.Inferences }));
    }

    [Test]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _scenario.RecordBitErrors(-1, 10, Quantity.Parse("-30 dBm")));
        Assert.Throws<ArgumentOutOfRangeException>(() => _scenario.RecordSingleEventExposure("SEU", -1, Quantity.Parse("1 MeV·cm²/mg"), Quantity.Parse("1e7 ions/cm²")));
    }
}
