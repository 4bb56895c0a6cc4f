using System.Globalization;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Whether a count demonstrates a rate limit: k events (errors, upsets, latch-ups) in an exposure n (inferences,
/// bits, fluence) against a limit p at confidence C. The limit is demonstrated when the one-sided upper bound on the
/// rate, χ²(C; 2k + 2)/(2n) (Garwood; −ln(1 − C)/n for k = 0), is at or below p — judged on the bound, never on the
/// point estimate k/n, so 0 errors in 10,000 inferences (bound 3.0e-4 at 95 %) does not demonstrate 1e-4. The
/// exposure needed is the n at which the same bound, with the same k, would reach p: −ln(1 − C)/p for k = 0 (≈ 3.0/p at
/// 95 %: 30,000 inferences for 1e-4, 3.0e12 bits for a BER of 1e-12). Events in trials are treated as Poisson, which
/// for the small rates demonstrated here (p ≪ 1) gives the binomial bound to within p and errs on the safe side.
/// </summary>
/// <param name="Events">k, the events counted.</param>
/// <param name="Exposure">n, the trials or fluence they were counted in.</param>
/// <param name="Limit">p, the largest rate allowed, per unit of exposure (SI).</param>
/// <param name="Confidence">C, the confidence the limit must be demonstrated at.</param>
/// <param name="UpperBound">The one-sided upper bound on the rate at <paramref name="Confidence"/>.</param>
/// <param name="LowerBound">The one-sided lower bound on the rate at <paramref name="Confidence"/>, χ²(1 − C; 2k)/(2n) (0 for k = 0).</param>
/// <param name="Verdict">
/// The one decision on a counted rate, which every counted limit in the product goes through (the bound-judged measurements of
/// <see cref="Judging.CountedRate"/> and the inference-error findings alike): Pass if the upper bound meets the limit (it is
/// demonstrated); Fail if the lower bound misses it (the rate is shown to exceed it); otherwise Inconclusive — the data can show
/// neither, and <paramref name="ExposureNeeded"/> says what would. Both bounds are compared through <see cref="Results.Limit.Evaluate"/>,
/// so its relative tolerance and its strictness (x &lt; p or x ≤ p) apply.
/// </param>
/// <param name="ExposureNeeded">The exposure at which k events would demonstrate the limit; for k = 0, −ln(1 − C)/p.</param>
public sealed record RateDemonstration(long Events, double Exposure, double Limit, double Confidence, double UpperBound, double LowerBound, Verdict Verdict, double ExposureNeeded)
{
    /// <summary>The rate the count estimates, k/n (not what the limit is judged on).</summary>
    public double Estimate => Events / Exposure;

    /// <summary>True if the limit is demonstrated: the upper bound meets it.</summary>
    public bool Demonstrated => Verdict == Verdict.Pass;

    /// <summary>The further exposure (at no further events) needed to demonstrate the limit; 0 if it already is.</summary>
    public double FurtherExposureNeeded => Math.Max(0, ExposureNeeded - Exposure);

    /// <summary>The one-sided lower bound on a rate of <paramref name="events"/> in <paramref name="exposure"/>: χ²(1 − C; 2k)/(2n), 0 for k = 0.</summary>
    public static double LowerBoundOf(long events, double exposure, double confidence = 0.95) =>
        events == 0 ? 0 : PoissonInterval.ChiSquaredQuantile(2.0 * events, 1 - confidence) / 2 / exposure;

    /// <summary>Judges <paramref name="events"/> in <paramref name="exposure"/> against the rate limit x ≤ <paramref name="limit"/> at <paramref name="confidence"/>.</summary>
    public static RateDemonstration Of(long events, double exposure, double limit, double confidence = 0.95)
    {
        if (!(limit > 0) || !double.IsFinite(limit))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A rate limit is positive.");
        }

        return Of(events, exposure, Results.Limit.AtMost(new Quantities.Quantity(limit, Quantities.Units.One)), confidence);
    }

    /// <summary>
    /// Judges <paramref name="events"/> in <paramref name="exposure"/> (SI: a count, m⁻², m⁻²·bit) against <paramref name="limit"/>,
    /// an upper limit (x ≤ p or x &lt; p) on the rate in any unit of its dimension, at <paramref name="confidence"/>.
    /// </summary>
    public static RateDemonstration Of(long events, double exposure, Limit limit, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        if (limit.Comparison is not (LimitComparison.LE or LimitComparison.LT))
        {
            throw new ArgumentException($"A counted rate is judged against an upper limit (x ≤ p); {limit} is not one.", nameof(limit));
        }

        if (!(exposure > 0) || !double.IsFinite(exposure))
        {
            throw new ArgumentOutOfRangeException(nameof(exposure), exposure, "An exposure (trials, bits, fluence) is positive.");
        }

        var high = limit.High!.Value;
        if (!(high.SiValue > 0) || !double.IsFinite(high.SiValue))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A rate limit is positive.");
        }

        var upper = PoissonInterval.UpperBound(events, confidence).Upper / exposure;
        var lower = LowerBoundOf(events, exposure, confidence);
        var verdict = limit.Evaluate(Quantities.Quantity.FromSi(upper, high.Unit)) == Verdict.Pass ? Verdict.Pass
            : limit.Evaluate(Quantities.Quantity.FromSi(lower, high.Unit)) == Verdict.Fail ? Verdict.Fail
            : Verdict.Inconclusive;
        return new RateDemonstration(events, exposure, high.SiValue, confidence, upper, lower, verdict, ExposureToDemonstrate(high.SiValue, confidence, events));
    }

    /// <summary>
    /// "0 in 10,000: one-sided 95 % upper bound 3.0E-4 &gt; limit 1E-4: not demonstrated; about 29,957 error-free trials
    /// demonstrate it": the count, the bound with its convention, and what it would take.
    /// </summary>
    public string Describe(string exposureName = "trials")
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Events:N0} in {Exposure:N0} {exposureName}: {CountInterval.Describe(Confidence, oneSided: true)} on the rate {UpperBound:0.##E+0} {(Demonstrated ? "≤" : ">")} limit {Limit:0.##E+0}");
        if (Demonstrated)
        {
            return text + ": demonstrated.";
        }

        if (Verdict == Verdict.Fail)
        {
            return text + string.Create(CultureInfo.InvariantCulture, $"; the lower bound {LowerBound:0.##E+0} > limit too: the rate exceeds the limit.");
        }

        return text + string.Create(CultureInfo.InvariantCulture,
            $": not demonstrated; {ExposureNeeded:N0} {exposureName} with {(Events == 0 ? "no" : $"at most {Events:N0}")} event(s) would demonstrate it ({FurtherExposureNeeded:N0} more).");
    }

    /// <summary>The exposure at which <paramref name="events"/> events demonstrate <paramref name="limit"/>: χ²(C; 2k + 2)/(2p).</summary>
    public static double ExposureToDemonstrate(double limit, double confidence = 0.95, long events = 0) =>
        PoissonInterval.ChiSquaredQuantile((2.0 * events) + 2, confidence) / 2 / limit;
}
