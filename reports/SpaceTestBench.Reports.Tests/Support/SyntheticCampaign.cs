using SpaceTestBench.Results;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Tests.Support;

/// <summary>
/// Writes the store of a seeded, synthetic qualification campaign that holds every kind of data the
/// report draws: power-on margins, a TID step-stress ladder with anneal, heavy-ion SEU exposures,
/// latch-ups on a supply-current trace, a thermal cycle, a BER waterfall and inference errors. The
/// instrument simulators that will produce such data are not built yet; this stands in for them.
/// Shared by the report tests and the rendering benchmark (linked into perf/SpaceTestBench.Perf).
/// </summary>
public static class SyntheticCampaign
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the campaign into <paramref name="runFolder"/>.</summary>
    /// <param name="runFolder">Where the store goes.</param>
    /// <param name="seriesPoints">About how many series points in all (latch-up trace and temperature traces).</param>
    /// <param name="measurements">About how many measurements in all (filled up by a supply monitor).</param>
    /// <param name="seed">Seed of every random draw.</param>
    /// <param name="finish">False to stop as a killed run would: no scenario, step or run end for the last scenario.</param>
    /// <param name="describe">Changes the run's provenance before it is recorded (its inputs, operator), if given.</param>
    public static void Write(string runFolder, int seriesPoints = 20_000, int measurements = 200, int seed = 1, bool finish = true, Func<RunInfo, RunInfo>? describe = null)
    {
        var clock = new ManualClock(Start);
        var random = new Random(seed);
        using var store = SqliteResultStore.Create(runFolder, new StoreOptions { MaxPendingPoints = 65_536 });
        var recorder = new ResultRecorder(clock, store);
        var info = Info(Path.GetFileName(Path.TrimEndingDirectorySeparator(runFolder)));
        recorder.StartRun(describe is null ? info : describe(info));
        var recorded = 0;

        ScenarioRecorder Scenario(string uri, string feature, string name, params string[] tags)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            return recorder.StartScenario(uri, feature, null, name, 10 + recorded % 50, tags);
        }

        void Step(ScenarioRecorder scenario, int index, string keyword, string text, StepOutcome outcome = StepOutcome.Passed, string? message = null)
        {
            scenario.StepStarted(index, text);
            clock.Advance(TimeSpan.FromSeconds(1));
            scenario.StepFinished(index, keyword, text, 10 + index, outcome, TimeSpan.FromMilliseconds(5), message);
        }

        // Power-on at nominal and margined supply (passes).
        foreach (var level in new[] { 0.95, 1.0, 1.05 })
        {
            var s = Scenario("power/power-on.feature", "Power-on at nominal and margined supply voltage", $"Supply current at {level:P0} of nominal voltage", "@power", "@ECSS-E-ST-20C");
            Step(s, 0, "When", $"the DUT supply is set to {level:P0} of the nominal voltage");
            s.StepStarted(1, "the DUT supply current is within the DUT profile limits");
            var volts = new Quantity(1.8 * level, Units.Volt);
            s.Measure("DUT supply current", new Quantity(280 + (120 * (level - 0.95)) + Noise(random, 1), Units.Milliampere), SupplyLimit, "DUT supply", "E36312A MY61000101",
                new Dictionary<string, Quantity> { ["DUT supply voltage"] = volts });
            recorded++;
            s.StepFinished(1, "Then", "the DUT supply current is within the DUT profile limits", 11, StepOutcome.Passed, TimeSpan.FromMilliseconds(4), null);
            s.Finish(Verdict.Pass, null);
        }

        // TID step-stress ladder with anneal: leakage onset I = 200 mA + 0.5·D^1.6 fails 450 mA at ≈ 48.6 krad(Si).
        {
            var s = Scenario("radiation/tid.feature", "Total ionising dose step-stress", "Biased Co-60 exposure to 100 krad(Si) with anneal", "@radiation", "@MIL-STD-883-TM1019", "@ESCC-22900");
            s.StepStarted(0, "the DUT is irradiated in steps to 100 krad(Si), measuring after each");
            foreach (var dose in new[] { 0.0, 5, 10, 20, 30, 50, 75, 100 })
            {
                clock.Advance(TimeSpan.FromHours(1));
                for (var sample = 0; sample < 3; sample++)
                {
                    s.MeasureAtDose("DUT supply current", new Quantity(200 + (0.5 * Math.Pow(dose, 1.6)) + Noise(random, 3), Units.Milliampere), new Quantity(dose, Krad), SupplyLimit, role: "DUT supply");
                    recorded++;
                }
            }

            foreach (var hours in new[] { 24, 168 })
            {
                clock.Advance(TimeSpan.FromHours(hours));
                s.MeasureAtDose("DUT supply current", new Quantity(200 + (0.5 * Math.Pow(100, 1.6) * (hours == 24 ? 0.8 : 0.55)) + Noise(random, 3), Units.Milliampere), new Quantity(100, Krad), SupplyLimit, new Quantity(hours, Units.Hour), "DUT supply");
                recorded++;
            }

            s.StepFinished(0, "When", "the DUT is irradiated in steps to 100 krad(Si), measuring after each", 8, StepOutcome.Failed, TimeSpan.FromSeconds(2), "DUT supply current outside its limit from 50 krad(Si)");
            s.Finish(Verdict.Fail, "DUT supply current outside its limit from 50 krad(Si)");
        }

        // Heavy-ion SEU cross-section: Weibull σsat 5e-6 cm², L0 1.5, W 20, s 1.8 at 1e7 ions/cm².
        {
            var s = Scenario("radiation/see.feature", "Heavy-ion single-event effects", "SEU cross-section versus LET", "@radiation", "@ESCC-25100", "@JESD57");
            s.StepStarted(0, "the DUT is exposed at each ion of the cocktail to 1e7 ions/cm²");
            var seus = 0;
            foreach (var let in new[] { 1.0, 2, 3, 5, 8, 12, 18, 25, 35, 45, 60, 75 })
            {
                clock.Advance(TimeSpan.FromMinutes(20));
                var expected = 1e7 * 5e-6 * -MathNet.Numerics.SpecialFunctions.Expm1(-Math.Pow(Math.Max(0, let - 1.5) / 20, 1.8));
                var events = expected > 0 ? MathNet.Numerics.Distributions.Poisson.Sample(random, expected) : 0;
                for (var e = 0; e < events && seus < 40; e++, seus++)
                {
                    s.RecordEvent(BenchEventKind.SingleEventUpset, "DUT monitor", $"Bit flip at address 0x{random.Next(0, 1 << 20):X5}");
                }

                s.RecordSingleEventExposure("SEU", events, new Quantity(let, LetUnit), new Quantity(1e7, FluenceUnit), role: "beam");
                recorded++;
            }

            Step(s, 1, "Then", "the cross-section is reported against effective LET");
            s.StepFinished(0, "When", "the DUT is exposed at each ion of the cocktail to 1e7 ions/cm²", 9, StepOutcome.Passed, TimeSpan.FromSeconds(1), null);
            s.Finish(Verdict.Pass, null);
        }

        // Latch-up at maximum supply: a supply-current trace with SEL steps to ~900 mA, cut and restored.
        {
            var s = Scenario("radiation/sel.feature", "Single-event latch-up", "Heavy-ion latch-up at maximum supply voltage and 125 °C", "@radiation", "@ESCC-25100");
            s.StepStarted(0, "the DUT is exposed to 1e7 ions/cm² at LET 60 MeV·cm²/mg while its supply current is monitored");
            var trace = s.StartTimeSeries(WellKnownSeries.DutSupplyCurrent, Units.Milliampere, "DUT supply", "2450 04512345");
            var samples = Math.Max(2000, seriesPoints * 3 / 10);
            const double rate = 10_000; // samples per second
            var latchups = new[] { 0.21, 0.47, 0.78 }.Select(f => (int)(f * samples)).ToArray();
            var origin = clock.GetUtcNow();
            for (var i = 0; i < samples; i++)
            {
                var since = latchups.Where(l => l <= i).Select(l => i - l).DefaultIfEmpty(int.MaxValue).Min();
                var current = since < 50 ? 900 + Noise(random, 15) : since < 1050 ? Noise(random, 0.5) : 300 + Noise(random, 2);
                if (latchups.Contains(i))
                {
                    clock.Set(origin + TimeSpan.FromSeconds(i / rate));
                    s.RecordEvent(BenchEventKind.SingleEventLatchup, "DUT supply", "Supply current above the 600 mA latch-up threshold; supply cut for 100 ms",
                        new Dictionary<string, Quantity> { ["latch-up current"] = new(Math.Round(current), Units.Milliampere) });
                }

                trace.AppendAt(origin + TimeSpan.FromSeconds(i / rate), new Quantity(current, Units.Milliampere));
            }

            clock.Set(origin + TimeSpan.FromSeconds(samples / rate));
            s.RecordSingleEventExposure("SEL", latchups.Length, new Quantity(60, LetUnit), new Quantity(1e7, FluenceUnit), limit: Limit.AtMost(new Quantity(0, Units.One)), role: "DUT supply");
            recorded++;
            s.StepFinished(0, "When", "the DUT is exposed to 1e7 ions/cm² at LET 60 MeV·cm²/mg while its supply current is monitored", 12, StepOutcome.Failed, TimeSpan.FromSeconds(1), "SEL events = 3 is outside its limit x ≤ 0");
            s.Finish(Verdict.Fail, "SEL events = 3 is outside its limit x ≤ 0");
        }

        // Thermal cycle −55 / +125 °C: setpoint steps, chamber air and DUT lagging it (τ 3 and 8 min).
        {
            var s = Scenario("thermal/cycling.feature", "Thermal cycling", "Condition B, one cycle with 75 min dwells", "@thermal", "@MIL-STD-883-TM1010", "@JESD22-A104");
            s.StepStarted(0, "the chamber runs condition B for one cycle");
            var setpoint = s.StartTimeSeries(WellKnownSeries.ChamberSetpoint, Units.DegreeCelsius, "thermal chamber", "F4T 123");
            var air = s.StartTimeSeries(WellKnownSeries.ChamberAirTemperature, Units.DegreeCelsius, "thermal chamber", "F4T 123");
            var dut = s.StartTimeSeries(WellKnownSeries.DutTemperature, Units.DegreeCelsius, "DUT thermocouple", "34970A");
            var plan = new[] { (25.0, 5.0), (-55.0, 75.0), (125.0, 75.0), (25.0, 80.0) };
            var totalSeconds = plan.Sum(p => p.Item2) * 60;
            var step = totalSeconds / Math.Max(200, (seriesPoints * 7 / 10) / 2);
            var origin = clock.GetUtcNow();
            var (t, airT, dutT) = (0.0, 25.0, 25.0);
            foreach (var (target, minutes) in plan)
            {
                setpoint.AppendAt(origin + TimeSpan.FromSeconds(t), new Quantity(target, Units.DegreeCelsius));
                for (var end = t + (minutes * 60); t < end; t += step)
                {
                    airT = target + ((airT - target) * Math.Exp(-step / 180));
                    dutT = airT + ((dutT - airT) * Math.Exp(-step / 480));
                    air.AppendAt(origin + TimeSpan.FromSeconds(t), new Quantity(airT + Noise(random, 0.2), Units.DegreeCelsius));
                    dut.AppendAt(origin + TimeSpan.FromSeconds(t), new Quantity(dutT + Noise(random, 0.05), Units.DegreeCelsius));
                }
            }

            clock.Set(origin + TimeSpan.FromSeconds(t));
            s.StepFinished(0, "When", "the chamber runs condition B for one cycle", 7, StepOutcome.Passed, TimeSpan.FromSeconds(1), null);
            s.Finish(Verdict.Pass, null);
        }

        // BER waterfall: Q = 6 at −30 dBm, Q ∝ P (thermal-noise-limited receiver), 2e9 bits per power.
        {
            var s = Scenario("link/ber.feature", "Optical inter-satellite link receiver", "BER waterfall and sensitivity at 1e-9", "@link", "@CCSDS-141.0-B-1");
            s.StepStarted(0, "the received power is swept from −33 dBm to −28 dBm");
            for (var dbm = -33.0; dbm <= -28.0; dbm += 0.5)
            {
                var ratio = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(6 * Math.Exp(Math.Log(10) / 10 * (dbm + 30)) / Math.Sqrt(2));
                var mean = 2e9 * ratio;
                var errors = mean <= 0 ? 0 : mean < 1e5 ? MathNet.Numerics.Distributions.Poisson.Sample(random, mean) : (long)Math.Round(mean + (Math.Sqrt(mean) * Noise(random, 1)));
                s.RecordBitErrors(errors, 2_000_000_000, new Quantity(dbm, Units.DecibelMilliwatt), 1e-9, role: "bit error tester");
                recorded++;
            }

            s.StepFinished(0, "When", "the received power is swept from −33 dBm to −28 dBm", 9, StepOutcome.Passed, TimeSpan.FromSeconds(1), null);
            s.Finish(Verdict.Pass, null);
        }

        // Inference errors of an AI payload under protons.
        {
            var s = Scenario("payload/inference.feature", "AI payload correctness under irradiation", "Golden-model mismatches under 200 MeV protons", "@payload", "@radiation");
            s.StepStarted(0, "the accelerator runs the golden image set while exposed");
            foreach (var fluence in new[] { 0.0, 1e9, 3e9, 1e10, 3e10 })
            {
                var errors = fluence > 0 ? MathNet.Numerics.Distributions.Poisson.Sample(random, fluence * 2e-10 * 5) : 0;
                s.RecordInferenceErrors("ResNet-50 top-1 mismatches", errors, 50_000,
                    new Dictionary<string, Quantity> { [WellKnownConditions.Fluence] = new(fluence, Units.Parse("protons/cm²")) }, role: "payload monitor");
                recorded++;
            }

            s.Attach("payload-console.log", "text/plain", "boot ok\ninference loop started\n"u8.ToArray());
            s.StepFinished(0, "When", "the accelerator runs the golden image set while exposed", 8, StepOutcome.Passed, TimeSpan.FromSeconds(1), null);
            s.Finish(Verdict.Pass, null);
        }

        // A supply monitor fills the run up to the number of measurements asked for.
        {
            var s = Scenario("power/monitor.feature", "Supply monitoring", "Core current across the campaign", "@power");
            s.StepStarted(0, "the DUT supply current is logged every minute");
            var remaining = Math.Max(1, measurements - recorded);
            for (var i = 0; i < remaining; i++)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                s.Measure("core current", new Quantity(300 + (10 * Math.Sin(i / 50.0)) + Noise(random, 2), Units.Milliampere), SupplyLimit, "DUT supply", "E36312A MY61000101",
                    new Dictionary<string, Quantity> { ["elapsed"] = new(i, Units.Minute) });
            }

            if (!finish)
            {
                return; // killed: the step, the scenario and the run never record their end
            }

            s.StepFinished(0, "Then", "the DUT supply current is logged every minute", 6, StepOutcome.Passed, TimeSpan.FromSeconds(1), null);
            s.Finish(Verdict.Pass, null);
        }

        recorder.FinishRun(Start.AddDays(9), Verdict.Fail);
    }

    public static readonly Limit SupplyLimit = Limit.Between(new Quantity(150, Units.Milliampere), new Quantity(450, Units.Milliampere));
    private static readonly Unit Krad = Units.Parse("krad(Si)");
    private static readonly Unit LetUnit = Units.Parse("MeV·cm²/mg");
    private static readonly Unit FluenceUnit = Units.Parse("ions/cm²");

    private static double Noise(Random random, double sigma) => MathNet.Numerics.Distributions.Normal.Sample(random, 0, sigma);

    public static RunInfo Info(string runId) => new(
        runId,
        new BenchInfo("Synthetic qualification bench", "benches/synthetic.bench.json", "virtual bench time (simulated bench)",
        [
            new InstrumentInfo("psu1", "Keysight E36312A", "Keysight Technologies E36312A (serial MY61000101, firmware 2.1)", "TCPIP0::10.0.0.11::5025::SOCKET", false, "MY61000101", new DateOnly(2027, 6, 30), ["DUT supply"]),
            new InstrumentInfo("smu1", "Keithley 2450", "KEITHLEY INSTRUMENTS 2450 (serial 04512345)", "TCPIP0::10.0.0.12::inst0::INSTR", false, "04512345", new DateOnly(2025, 12, 31), ["latch-up monitor"]),
            new InstrumentInfo("chamber", "Watlow F4T", "Watlow F4T (serial 123)", "TCPIP0::10.0.0.13::5025::SOCKET", false, "123", null, ["thermal chamber"]),
        ]),
        new DutInfo("rh-soc-1", "RH-SoC-1 radiation-hardened system-on-chip", "RH1-0042", "fixtures/duts/rad-hard-soc.json", "Synthetic campaign part",
            [new("core rail: nominal voltage", "1.8 V"), new("core rail: supply current limits", "150 mA ≤ x ≤ 450 mA")], "{ \"id\": \"rh-soc-1\" }"),
        "qa.engineer",
        new SoftwareInfo("0.1.0", "synthetic", [new(".NET runtime", ".NET 10")]),
        Start,
        new Dictionary<string, string> { ["Host"] = "synthetic", ["Bench seed"] = "1" });
}
