using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Results.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Results.Tests.Judging;

/// <summary>
/// ISO/IEC 17025 §6.4.9: a result taken with an instrument out of calibration at the time of use is Inconclusive, never
/// Pass; one taken before the lapse keeps its verdict, a Fail stays a Fail, and an instrument that needs no calibration
/// never makes a result Inconclusive.
/// </summary>
public class CalibrationAtUseTests
{
    // psu1's calibration is valid through 2026-03-01 and lapses at 2026-03-02 00:00 UTC; the run starts 2026-03-01 08:00.
    private static readonly RunInfo Run = TestRuns.Info() with
    {
        Bench = new BenchInfo("Test bench", "/benches/test.bench.json", "virtual bench time (simulated bench)",
        [
            new InstrumentInfo("psu1", "Keysight E36312A", "Keysight Technologies E36312A (serial MY1)", "simulated", true, "MY1", new DateOnly(2026, 3, 1), ["DUT supply"])
            {
                Calibration = new CalibrationRecord(new DateOnly(2026, 3, 1), "CAL-1", null, null),
            },
            new InstrumentInfo("agent1", "DUT test agent", "agent", "simulated", true, "AGENT-1", null, ["DUT"])
            {
                Calibration = new CalibrationRecord(null, null, null, "software on the DUT"),
            },
        ]),
    };

    private static Quantity Q(string text) => Quantity.Parse(text);

    /// <summary>Records one scenario per body, the clock advanced by <paramref name="hoursBefore"/> before each.</summary>
    private static RunResults Record(double[] hoursBefore, params Action<ScenarioRecorder>[] scenarios)
    {
        var folder = TestRepository.ScratchFolder("calibration-at-use");
        var clock = new FakeTimeProvider(TestRuns.Start);
        using (var store = SqliteResultStore.Create(folder))
        {
            var recorder = new ResultRecorder(clock, store);
            recorder.StartRun(Run);
            for (var n = 0; n < scenarios.Length; n++)
            {
                clock.Advance(TimeSpan.FromHours(hoursBefore[n]));
                var scenario = recorder.StartScenario("f.feature", "F", null, $"scenario {n + 1}", 10 * (n + 1), []);
                scenario.StepStarted(0, "a step");
                scenarios[n](scenario);
                scenario.StepFinished(0, "Then", "a step", (10 * (n + 1)) + 1, StepOutcome.Passed, TimeSpan.FromMilliseconds(1), null);
                scenario.Finish(Verdict.Pass, null);
            }

            recorder.FinishRun(clock.GetUtcNow(), Verdict.Pass);
        }

        return ResultStoreReader.Read(folder);
    }

    [Test]
    public void A_result_measured_after_its_instruments_calibration_lapsed_is_Inconclusive_naming_instrument_due_date_use_time_and_clause()
    {
        var results = Record([0, 24, 0, 0],
            s => s.Measure("core current", Q("2 A"), Limit.AtMost(Q("3 A")), role: "DUT supply"),
            s => s.Measure("core current", Q("2 A"), Limit.AtMost(Q("3 A")), role: "DUT supply"),
            s => s.Measure("core current", Q("4 A"), Limit.AtMost(Q("3 A")), role: "DUT supply"),
            s => s.Measure("boot time", Q("2 s"), Limit.AtMost(Q("5 s")), role: "DUT"));

        var judgement = VerdictPolicy.Judge(results);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Scenarios.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Inconclusive, Verdict.Fail, Verdict.Pass }),
                "before the lapse Pass; after it Inconclusive; a Fail stays Fail; an instrument needing no calibration decides nothing");
            Assert.That(judgement.Scenarios[1].Reasons.Single().Text, Is.EqualTo(
                "instrument 'psu1' (Keysight E36312A, serial MY1) was out of calibration at its use: due 2026-03-01, lapsed 2026-03-02 00:00:00 UTC; " +
                "1 result(s) at 2026-03-02 08:00:00 UTC (core current) are not traceable and cannot support Pass (ISO/IEC 17025 §6.4.9)"));
            Assert.That(judgement.Scenarios[1].Reasons.Single().Source, Is.EqualTo(VerdictSource.Calibration));
            Assert.That(judgement.Scenarios[2].Reasons.Select(r => r.Verdict), Is.EqualTo(new[] { Verdict.Fail, Verdict.Fail, Verdict.Inconclusive }), "the step, the measurement, and the calibration");
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
        });
    }

    [Test]
    public void The_one_verdict_rule_makes_the_run_Inconclusive_when_only_the_calibration_decides_and_each_measurement_shows_it()
    {
        var results = Record([0, 24],
            s => s.Measure("core current", Q("2 A"), Limit.AtMost(Q("3 A")), role: "DUT supply"),
            s => s.Measure("core current", Q("2 A"), Limit.AtMost(Q("3 A")), role: "DUT supply"));

        var judgement = VerdictPolicy.Judge(results);
        var (before, after) = (results.Measurements[0], results.Measurements[1]);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Inconclusive));
            Assert.That(judgement.Passed, Is.False);
            Assert.That(CalibrationAtUse.Judge(Run, before), Is.EqualTo((Verdict.Pass, (string?)null)));
            Assert.That(CalibrationAtUse.Judge(Run, after).Verdict, Is.EqualTo(Verdict.Inconclusive));
            Assert.That(CalibrationAtUse.Judge(Run, after).Reason, Is.EqualTo(
                "Inconclusive: measured at 2026-03-02 08:00:00 UTC with instrument 'psu1' (serial MY1, due 2026-03-01) out of calibration, not traceable (ISO/IEC 17025 §6.4.9)"));
        });
    }

    [Test]
    public void A_series_recorded_past_the_lapse_makes_its_scenario_Inconclusive()
    {
        var results = Record([0],
            s =>
            {
                // From 2026-03-01 04:00 (in calibration) to 2026-03-02 04:00 (lapsed).
                var series = s.StartTimeSeries("DUT supply current", Units.Ampere, role: "DUT supply");
                series.AppendAt(TestRuns.Start.AddHours(20), Q("1 A"));
                series.AppendAt(TestRuns.Start.AddHours(44), Q("1 A"));
            });

        var judgement = VerdictPolicy.Judge(results);

        Assert.That(judgement.Scenarios.Single().Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(judgement.Scenarios.Single().Reasons.Single().Text, Does.Contain("(series DUT supply current)"));
    }
}
