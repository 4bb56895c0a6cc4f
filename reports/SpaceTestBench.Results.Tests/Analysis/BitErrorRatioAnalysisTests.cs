using MathNet.Numerics.Distributions;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Tests.Analysis;

public class BitErrorRatioAnalysisTests
{
    // A thermal-noise-limited receiver (Q ∝ P, k = 1) with Q = 6 at −30 dBm. Its sensitivity at BER 1e-9
    // (Q = 5.998) is 0.0016 dB below −30 dBm: about one standard error of a fitted sweep, so it matters.
    private const double QualityAtReference = 6;
    private const double ReferencePower = -30;
    private static readonly double SlopePerDb = Math.Log(10) / 10;
    private static readonly double Sensitivity = ReferencePower + (Math.Log(BitErrorRatioAnalysis.Quality(1e-9) / QualityAtReference) / SlopePerDb);

    internal static List<BitErrorCount> Sweep(int seed, int bits = 2_000_000_000)
    {
        var random = new Random(seed);
        var counts = new List<BitErrorCount>();
        for (var dbm = -33.0; dbm <= -28.0; dbm += 0.5)
        {
            var ratio = BitErrorRatioAnalysis.Ratio(QualityAtReference * Math.Exp(SlopePerDb * (dbm - ReferencePower)));
            counts.Add(new BitErrorCount(new Quantity(dbm, Units.DecibelMilliwatt), Errors(random, ratio, bits), bits));
        }

        return counts;
    }

    // Binomial(n, p) for n in the billions: MathNet samples it bit by bit, so draw it as Poisson(np) when
    // p is small and from the normal limit when the count is large; both are accurate far below a percent.
    private static long Errors(Random random, double ratio, long bits)
    {
        var mean = bits * ratio;
        return mean < 1e5
            ? Poisson.Sample(random, mean)
            : (long)Math.Round(Normal.Sample(random, mean, Math.Sqrt(mean * (1 - ratio))));
    }

    [Test]
    public void Q_of_six_is_a_bit_error_ratio_of_one_in_a_billion()
    {
        Assert.That(BitErrorRatioAnalysis.Ratio(6), Is.EqualTo(9.87e-10).Within(0.01e-10));
        Assert.That(BitErrorRatioAnalysis.Quality(1e-9), Is.EqualTo(5.998).Within(0.001));
    }

    [Test]
    public void Recovers_the_sensitivity_and_the_receiver_law_of_a_synthetic_waterfall()
    {
        var waterfall = BitErrorRatioAnalysis.Fit(Sweep(seed: 3), target: 1e-9);

        Assert.That(waterfall.Converged, Is.True);
        Assert.That(waterfall.Sensitivity.Covers(Sensitivity), Is.True, waterfall.Sensitivity.ToString());
        Assert.That(waterfall.Sensitivity.Value.Unit.Symbol, Is.EqualTo("dBm"));
        Assert.That(waterfall.Exponent.Covers(1), Is.True, waterfall.Exponent.ToString());
        Assert.That(waterfall.RatioAt(Sensitivity), Is.EqualTo(1e-9).Within(0.1e-9));
    }

    [Test]
    public void Its_sensitivity_intervals_cover_the_truth_as_often_as_they_claim()
    {
        const int sweeps = 200;
        var covered = 0;
        for (var seed = 100; seed < 100 + sweeps; seed++)
        {
            covered += BitErrorRatioAnalysis.Fit(Sweep(seed), target: 1e-9).Sensitivity.Covers(Sensitivity) ? 1 : 0;
        }

        Assert.That(covered / (double)sweeps, Is.GreaterThanOrEqualTo(0.90));
    }

    [Test]
    public void The_sensitivity_at_a_lower_target_needs_more_power()
    {
        var counts = Sweep(seed: 4);

        var at9 = BitErrorRatioAnalysis.Fit(counts, 1e-9).Sensitivity.Value.Value;
        var at12 = BitErrorRatioAnalysis.Fit(counts, 1e-12).Sensitivity.Value.Value;

        // Q = 7.03 at 1e-12: ln(7.03/6)/(ln 10/10) ≈ 0.69 dB more.
        Assert.That(at12 - at9, Is.EqualTo(0.69).Within(0.1));
    }

    [Test]
    public void Error_free_points_are_bounded_not_dropped()
    {
        var points = BitErrorRatioAnalysis.Ratios(Sweep(seed: 5));
        var errorFree = points.Where(p => p.ErrorFree).ToList();

        Assert.That(errorFree, Is.Not.Empty);
        Assert.That(errorFree[0].Upper, Is.EqualTo(3.689 / 2e9).Within(1e-12));
    }

    [Test]
    public void Received_power_in_watts_is_converted_to_dBm()
    {
        var point = BitErrorRatioAnalysis.Ratios([new BitErrorCount(Quantity.Parse("1 µW"), 10, 1000)]).Single();

        Assert.That(point.ReceivedPower.Value, Is.EqualTo(-30).Within(1e-9));
    }

    [Test]
    public void A_sweep_with_errors_at_only_one_power_is_refused()
    {
        var counts = Sweep(seed: 6).Select((c, i) => i == 0 ? c : c with { Errors = 0 }).ToList();

        var error = Assert.Throws<AnalysisException>(() => BitErrorRatioAnalysis.Fit(counts));
        Assert.That(error!.Message, Does.Contain("two of them with errors"));
    }

    [Test]
    public void More_errors_than_bits_is_refused()
    {
        Assert.Throws<AnalysisException>(() => BitErrorRatioAnalysis.Ratios([new BitErrorCount(Quantity.Parse("-30 dBm"), 11, 10)]));
    }
}
