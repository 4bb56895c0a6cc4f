using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Tests.Support;

namespace SpaceTestBench.Results.Tests.Recording;

public class ResultRecorderTests
{
    private FakeTimeProvider _clock = null!;
    private MemorySink _sink = null!;
    private ResultRecorder _recorder = null!;

    [SetUp]
    public void CreateRecorder()
    {
        _clock = new FakeTimeProvider(TestRuns.Start);
        _sink = new MemorySink();
        _recorder = new ResultRecorder(_clock, _sink);
    }

    private ScenarioRecorder Scenario(params string[] tags) => _recorder.StartScenario("power/power-on.feature", "Power-on", null, "Supply current", 12, tags);

    [Test]
    public void Every_event_is_stamped_with_bench_time_and_passed_on_in_order()
    {
        _recorder.StartRun(TestRuns.Info());
        _clock.Advance(TimeSpan.FromSeconds(5));
        var scenario = Scenario();
        scenario.StepStarted(0, "the DUT supply output is off");

        Assert.That(_sink.Events.Select(e => e.GetType().Name), Is.EqualTo(new[] { "RunStarted", "ScenarioStarted", "StepStarted" }));
        Assert.That(_sink.Events[1].BenchTime, Is.EqualTo(TestRuns.Start.AddSeconds(5)));
    }

    [Test]
    public void A_measurement_judged_after_it_was_taken_carries_the_bench_time_it_was_measured_at_and_none_after_now()
    {
        _recorder.StartRun(TestRuns.Info());
        var scenario = Scenario();
        var measuredAt = TestRuns.Start.AddMinutes(3);
        _clock.Advance(TimeSpan.FromMinutes(10)); // the Then step judges, ten minutes after the When step measured

        var earlier = scenario.Measure("basket transfer time", Quantity.Parse("20 s"), Limit.AtMost(Quantity.Parse("1 min")), measuredAt: measuredAt);
        var now = scenario.Measure("basket transfer time", Quantity.Parse("20 s"), Limit.AtMost(Quantity.Parse("1 min")));

        Assert.That((earlier.BenchTime, now.BenchTime), Is.EqualTo((measuredAt, TestRuns.Start.AddMinutes(10))));
        Assert.That(() => scenario.Measure("x", Quantity.Parse("1 s"), measuredAt: TestRuns.Start.AddMinutes(11)),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("after the bench time now"));
    }

    [Test]
    public void A_measurement_is_judged_by_its_limit_never_by_the_step()
    {
        var scenario = Scenario();

        var passing = scenario.Measure("DUT supply current", Quantity.Parse("300 mA"), Limit.Between(Quantity.Parse("150 mA"), Quantity.Parse("450 mA")));
        var failing = scenario.Measure("DUT supply current", Quantity.Parse("0.5 A"), Limit.Between(Quantity.Parse("150 mA"), Quantity.Parse("450 mA")));
        var unjudged = scenario.Measure("DUT temperature", Quantity.Parse("25 °C"));

        Assert.That((passing.Verdict, failing.Verdict, unjudged.Verdict), Is.EqualTo((Verdict.Pass, Verdict.Fail, Verdict.NotSet)));
        Assert.That(scenario.MeasurementVerdict, Is.EqualTo(Verdict.Fail));
    }

    [Test]
    public void A_measurement_the_bench_cannot_trust_is_Inconclusive_with_its_reason_whatever_its_value()
    {
        var scenario = Scenario();
        var limit = Limit.AtMost(Quantity.Parse("10 mA"));

        var inside = scenario.MeasureInconclusive("change less the controls'", Quantity.Parse("1 mA"), limit, "the control drifted 2 mA", decision: "limit from the PIPL");
        var outside = scenario.MeasureInconclusive("change less the controls'", Quantity.Parse("12 mA"), limit, "the control drifted 2 mA");

        Assert.That((inside.Verdict, outside.Verdict), Is.EqualTo((Verdict.Inconclusive, Verdict.Inconclusive)), "never Pass, and no Fail of the DUT");
        Assert.That((inside.Decision, outside.Decision), Is.EqualTo(("limit from the PIPL; Inconclusive: the control drifted 2 mA", "Inconclusive: the control drifted 2 mA")));
        Assert.That(scenario.MeasurementVerdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.Throws<UnitMismatchException>(() => scenario.MeasureInconclusive("change", Quantity.Parse("1 mV"), limit, "why"));
        Assert.Throws<ArgumentException>(() => scenario.MeasureInconclusive("change", Quantity.Parse("1 mA"), limit, " "));
    }

    [Test]
    public void A_measurement_carries_the_step_it_was_taken_in()
    {
        var scenario = Scenario();
        scenario.StepStarted(3, "the DUT supply current is within the DUT profile limits");

        Assert.That(scenario.Measure("I", Quantity.Parse("1 mA")).StepIndex, Is.EqualTo(3));
    }

    [Test]
    public void A_well_known_condition_of_the_wrong_dimension_is_refused_at_recording()
    {
        var scenario = Scenario();

        var error = Assert.Throws<UnitMismatchException>(() => scenario.Measure(
            "I", Quantity.Parse("1 mA"), conditions: new Dictionary<string, Quantity> { [WellKnownConditions.TotalIonisingDose] = Quantity.Parse("10 V") }));
        Assert.That(error!.Message, Does.Contain("total ionising dose"));
        Assert.That(_sink.Events.OfType<MeasurementRecorded>(), Is.Empty);
    }

    [Test]
    public void A_limit_of_the_wrong_dimension_is_refused_at_recording()
    {
        Assert.Throws<UnitMismatchException>(() => Scenario().Measure("I", Quantity.Parse("1 mA"), Limit.AtMost(Quantity.Parse("2 V"))));
    }

    [Test]
    public void Scenario_ids_are_unique_and_ordered()
    {
        Assert.That(new[] { Scenario().Scenario.ScenarioId, Scenario().Scenario.ScenarioId }, Is.EqualTo(new[] { "S0001", "S0002" }));
    }

    [Test]
    public void A_scenario_knows_its_standard_clauses_from_its_tags()
    {
        Assert.That(Scenario("@radiation", "@ESCC-25100", "@JESD57").Scenario.Clauses.Select(c => c.Id), Is.EqualTo(new[] { "ESCC-25100", "JESD57" }));
    }

    [Test]
    public void A_time_series_takes_readings_at_bench_time_in_its_own_unit()
    {
        var series = Scenario().StartTimeSeries(WellKnownSeries.DutTemperature, Units.DegreeCelsius);
        _clock.Advance(TimeSpan.FromSeconds(2.5));
        series.Append(Quantity.Parse("300 K"));

        var point = _sink.Events.OfType<SeriesPointRecorded>().Single();
        Assert.That(point.X, Is.EqualTo(2.5));
        Assert.That(point.Y, Is.EqualTo(26.85).Within(1e-9));
        Assert.That(series.PointCount, Is.EqualTo(1));
    }

    [Test]
    public void A_sweep_takes_x_y_pairs_in_its_units()
    {
        var sweep = Scenario().StartSweep("bit error ratio", Units.One, WellKnownConditions.ReceivedOpticalPower, Units.DecibelMilliwatt);
        sweep.Append(Quantity.Parse("1 µW"), new Quantity(1e-9, Units.One));

        var point = _sink.Events.OfType<SeriesPointRecorded>().Single();
        Assert.That(point.X, Is.EqualTo(-30).Within(1e-9));
    }

    [Test]
    public void Appending_the_wrong_kind_of_point_or_dimension_is_refused()
    {
        var scenario = Scenario();
        var trace = scenario.StartTimeSeries("DUT supply current", Units.Milliampere);
        var sweep = scenario.StartSweep("I(V)", Units.Milliampere, "DUT supply voltage", Units.Volt);

        Assert.Throws<InvalidOperationException>(() => trace.Append(Quantity.Parse("1 V"), Quantity.Parse("1 mA")));
        Assert.Throws<InvalidOperationException>(() => sweep.Append(Quantity.Parse("1 mA")));
        Assert.Throws<UnitMismatchException>(() => trace.Append(Quantity.Parse("1 V")));
    }

    [Test]
    public void A_well_known_series_of_the_wrong_dimension_is_refused()
    {
        Assert.Throws<UnitMismatchException>(() => Scenario().StartTimeSeries(WellKnownSeries.ChamberSetpoint, Units.Volt));
        Assert.Throws<UnitMismatchException>(() => Scenario().StartSweep("BER", Units.One, WellKnownConditions.ReceivedOpticalPower, Units.Volt));
    }

    [Test]
    public void Series_ids_are_unique_across_scenarios_and_the_run()
    {
        var ids = new[] { Scenario().StartTimeSeries("a", Units.Volt), Scenario().StartTimeSeries("b", Units.Volt), _recorder.StartTimeSeries("c", Units.Volt) }
            .Select(s => s.Info.SeriesId);

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Events_and_attachments_carry_their_scenario_and_step()
    {
        var scenario = Scenario();
        scenario.StepStarted(2, "the beam is opened");
        scenario.RecordEvent(BenchEventKind.SingleEventLatchup, "DUT supply", "Latch-up", new Dictionary<string, Quantity> { ["latch-up current"] = Quantity.Parse("850 mA") });
        scenario.Attach("console.log", "text/plain", "boot ok"u8.ToArray());
        _recorder.RecordEvent(BenchEventKind.InterlockTrip, "thermal chamber", "Over-temperature");

        var events = _sink.Events.OfType<BenchEventRecorded>().ToList();
        Assert.That((events[0].ScenarioId, events[0].StepIndex, events[0].Kind), Is.EqualTo(("S0001", (int?)2, BenchEventKind.SingleEventLatchup)));
        Assert.That((events[1].ScenarioId, events[1].StepIndex), Is.EqualTo(((string?)null, (int?)null)));
        Assert.That(_sink.Events.OfType<AttachmentRecorded>().Single().StepIndex, Is.EqualTo(2));
    }
}
