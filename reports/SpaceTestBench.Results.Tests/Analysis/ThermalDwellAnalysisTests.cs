using MathNet.Numerics.Distributions;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests.Analysis;

public class ThermalDwellAnalysisTests
{
    private static readonly DateTimeOffset Origin = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private const double Tau = 480; // DUT thermal time constant (s): first-order lag behind the setpoint
    private const double Step = 5; // sample period (s)

    /// <summary>
    /// A profile 25 (5 min, a transition) → −55 → 125 → 25 °C (each <paramref name="plateauMinutes"/>) with the DUT lagging the setpoint by a
    /// first-order time constant, sampled every 5 s with 0.05 K noise.
    /// </summary>
    internal static (TimeTrace Setpoint, TimeTrace Dut) Profile(int seed, double plateauMinutes = 60, double overshootKelvin = 0)
    {
        var plateaus = new[] { (25.0, 5.0), (-55.0, plateauMinutes), (125.0, plateauMinutes), (25.0, plateauMinutes) };
        var random = new Random(seed);
        var (spT, spV, dutT, dutV) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var t = 0.0;
        var temperature = 25.0;
        var previous = 25.0;
        foreach (var (setpoint, minutes) in plateaus)
        {
            spT.Add(t);
            spV.Add(setpoint);
            var start = t;
            for (; t < start + (minutes * 60); t += Step)
            {
                temperature = setpoint + ((temperature - setpoint) * Math.Exp(-Step / Tau));
                // A damped overshoot past the setpoint in the direction of approach, if asked for.
                var bump = overshootKelvin * Math.Sign(setpoint - previous) * Math.Exp(-Math.Pow(((t - start) / Tau) - 6, 2));
                dutT.Add(t);
                dutV.Add(temperature + bump + Normal.Sample(random, 0, 0.05));
            }

            previous = setpoint;
        }

        var celsius = Units.DegreeCelsius;
        return (new TimeTrace(Origin, spT.ToArray(), spV.ToArray(), celsius), new TimeTrace(Origin, dutT.ToArray(), dutV.ToArray(), celsius));
    }

    [Test]
    public void Finds_every_setpoint_plateau()
    {
        var (setpoint, dut) = Profile(seed: 1);

        var result = ThermalDwellAnalysis.Analyse(setpoint, dut);

        Assert.That(result.Plateaus.Select(p => Math.Round(p.Setpoint - 273.15)), Is.EqualTo(new[] { 25.0, -55, 125, 25 }));
        Assert.That(result.Plateaus[1].Start, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(result.Plateaus[1].End, Is.EqualTo(TimeSpan.FromMinutes(65)));
    }

    [Test]
    public void The_DUT_stabilises_when_its_rate_over_the_window_falls_below_the_limit()
    {
        // For a first-order lag the fitted rate over the trailing window W is the rate at t − W/2:
        // ΔT/τ·e^(−(t − W/2)/τ) = 3 K/h gives t = W/2 + τ·ln(ΔT/(τ·3 K/h)).
        var (setpoint, dut) = Profile(seed: 2);
        var expected = 300 + (Tau * Math.Log(80 / (Tau * 3.0 / 3600)));

        var plateau = ThermalDwellAnalysis.Analyse(setpoint, dut).Plateaus[1];

        Assert.That(plateau.StabilisedAt!.Value.TotalSeconds, Is.EqualTo(expected).Within(60));
        Assert.That(plateau.Overshoot, Is.LessThan(0.5));
    }

    [Test]
    public void A_plateau_long_enough_for_the_dwell_passes_and_one_too_short_fails_with_the_reason()
    {
        // At −55 °C (ΔT = 80 K) the DUT is stable after about 47 min of a 60 min plateau: 13 min of dwell.
        // At 125 °C (ΔT = 180 K) it needs about 54 min: 6 min of dwell, short of the 10 min required.
        var (setpoint, dut) = Profile(seed: 3);

        var result = ThermalDwellAnalysis.Analyse(setpoint, dut);

        Assert.That(result.Plateaus[1].Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(result.Plateaus[1].Dwell, Is.GreaterThan(TimeSpan.FromMinutes(10)));
        Assert.That(result.Plateaus[2].Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(result.Plateaus[2].Reason, Does.Contain("the dwell required is 10 min"));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
    }

    [Test]
    public void Longer_plateaus_pass_everywhere()
    {
        var (setpoint, dut) = Profile(seed: 4, plateauMinutes: 90);

        Assert.That(ThermalDwellAnalysis.Analyse(setpoint, dut).Verdict, Is.EqualTo(Verdict.Pass));
    }

    [Test]
    public void Plateaus_shorter_than_the_dwell_are_transitions_and_not_judged()
    {
        var (setpoint, dut) = Profile(seed: 5);

        var first = ThermalDwellAnalysis.Analyse(setpoint, dut).Plateaus[0];

        Assert.That(first.Judged, Is.False);
        Assert.That(first.Verdict, Is.EqualTo(Verdict.NotSet));
        Assert.That(first.Reason, Does.Contain("a transition, not judged"));
    }

    [Test]
    public void Overshoot_past_the_setpoint_is_measured_in_the_direction_of_approach()
    {
        var (setpoint, dut) = Profile(seed: 6, plateauMinutes: 90, overshootKelvin: 4);

        var plateaus = ThermalDwellAnalysis.Analyse(setpoint, dut).Plateaus;

        Assert.That(plateaus[1].Overshoot, Is.GreaterThan(2), "cooling to −55 °C: undershoot below it");
        Assert.That(plateaus[2].Overshoot, Is.GreaterThan(2), "heating to 125 °C: overshoot above it");
    }

    [Test]
    public void A_DUT_that_never_reaches_tolerance_fails_with_the_reason()
    {
        var (setpoint, dut) = Profile(seed: 7);
        var offsetDut = dut with { Values = dut.Values.ToArray().Select(v => v + 5).ToArray() };

        var plateau = ThermalDwellAnalysis.Analyse(setpoint, offsetDut).Plateaus[1];

        Assert.That(plateau.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(plateau.Reason, Does.Contain("did not stay within ±2 K"));
    }

    [Test]
    public void A_plateau_without_DUT_data_is_inconclusive()
    {
        var (setpoint, dut) = Profile(seed: 8);
        var early = dut with { Seconds = dut.Seconds[..100], Values = dut.Values[..100] };

        var plateau = ThermalDwellAnalysis.Analyse(setpoint, early).Plateaus[2];

        Assert.That(plateau.Verdict, Is.EqualTo(Verdict.Inconclusive));
    }

    [Test]
    public void A_trace_that_is_not_a_temperature_is_refused()
    {
        var (setpoint, dut) = Profile(seed: 9);

        Assert.Throws<AnalysisException>(() => ThermalDwellAnalysis.Analyse(setpoint, dut with { Unit = Units.Volt }));
    }

    [Test]
    public void Traces_with_different_origins_are_aligned_in_bench_time()
    {
        var (setpoint, dut) = Profile(seed: 10);
        var shifted = dut with { Origin = Origin.AddMinutes(10), Seconds = dut.Seconds.ToArray().Select(s => s - 600).ToArray() };

        var aligned = ThermalDwellAnalysis.Analyse(setpoint, shifted).Plateaus[1];
        var original = ThermalDwellAnalysis.Analyse(setpoint, dut).Plateaus[1];

        Assert.That(aligned.StabilisedAt!.Value.TotalSeconds, Is.EqualTo(original.StabilisedAt!.Value.TotalSeconds).Within(1e-6));
    }
}
