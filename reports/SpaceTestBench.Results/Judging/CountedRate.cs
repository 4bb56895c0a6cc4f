using System.Globalization;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Judging;

/// <summary>
/// A rate counted as k events in an exposure n (inferences run, bits compared, particles per area), judged
/// against an upper limit on its Poisson bounds rather than on the point estimate k/n:
/// <list type="bullet">
/// <item><b>Pass</b> when the one-sided upper bound at <see cref="Confidence"/> (χ²(C; 2k+2)/2 ÷ n; 2.996/n for
/// k = 0) meets the limit: the data demonstrate it;</item>
/// <item><b>Fail</b> when the one-sided lower bound at the same confidence (χ²(1 − C; 2k)/2 ÷ n; 0 for k = 0)
/// misses it: the data show the rate exceeds the limit;</item>
/// <item><b>Inconclusive</b> otherwise, with the exposure that would demonstrate the limit if no more events
/// came (−ln(1 − C)/limit ≈ 3.0/limit error-free for k = 0).</item>
/// </list>
/// Both bounds go through <see cref="Limit.Evaluate"/>, so its relative tolerance applies.
/// </summary>
/// <remarks>
/// The χ² bounds, the exposure needed and the decision are the analyses' (<see cref="PoissonInterval"/>, <see cref="RateDemonstration"/>,
/// Garwood 1936): one rule for a counted limit, whether a step judges it or a report's analysis does; this type adds the units and
/// the words of the procedure.
/// </remarks>
/// <param name="Events">Events counted (k).</param>
/// <param name="Exposure">The exposure n in the SI unit that makes k/n a rate in <paramref name="Unit"/>'s dimension (a count for ratios, m⁻² for a fluence, m⁻²·bit for a per-bit fluence).</param>
/// <param name="Unit">The unit the rate is stated in (1, cm², cm²/bit).</param>
/// <param name="EventWords">What an event is, plural ("errors", "functional interrupts").</param>
/// <param name="DescribeExposure">Writes an exposure in the words of the procedure ("10,000 inferences", "1e7 ions/cm²").</param>
/// <param name="Confidence">The one-sided confidence level (0.95).</param>
public sealed record CountedRate(long Events, double Exposure, Unit Unit, string EventWords, Func<double, string> DescribeExposure, double Confidence = 0.95)
{
    /// <summary>The point estimate k/n.</summary>
    public Quantity Rate => Quantity.FromSi(Events / Exposure, Unit);

    /// <summary>The one-sided upper bound at <see cref="Confidence"/>.</summary>
    public Quantity UpperBound => Quantity.FromSi(PoissonInterval.UpperBound(Events, Confidence).Upper / Exposure, Unit);

    /// <summary>
    /// The one-sided lower bound at <see cref="Confidence"/> (0 for no event): the analyses' own
    /// (<see cref="RateDemonstration.LowerBoundOf"/>), which stays finite for the millions of errors a BER gate can count.
    /// </summary>
    public Quantity LowerBound => Quantity.FromSi(RateDemonstration.LowerBoundOf(Events, Exposure, Confidence), Unit);

    /// <summary>"one-sided 95 %": the convention of both bounds, as the report states it.</summary>
    public string Convention => string.Create(CultureInfo.InvariantCulture, $"one-sided {Confidence * 100:0.#} %");

    /// <summary>
    /// Judges the rate against <paramref name="limit"/>, an upper limit (x ≤ high or x &lt; high) of the rate's dimension: the
    /// decision is <see cref="RateDemonstration"/>'s, the one rule for every counted limit; this adds the words of the procedure.
    /// </summary>
    public RateJudgement Judge(Limit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (!(Exposure > 0))
        {
            throw new InvalidOperationException($"A rate needs an exposure; {EventWords} were counted over {Exposure}.");
        }

        var demonstration = RateDemonstration.Of(Events, Exposure, limit, Confidence);
        var (upper, lower) = (UpperBound, LowerBound);
        var high = limit.High!.Value;
        var counted = $"{Events.ToString("N0", CultureInfo.InvariantCulture)} {EventWords} in {DescribeExposure(Exposure)}";
        switch (demonstration.Verdict)
        {
            case Verdict.Pass:
                return new RateJudgement(this, Verdict.Pass, $"{counted}: {Convention} upper bound {Format(upper)} ≤ {Format(high)}", null);
            case Verdict.Fail:
                return new RateJudgement(this, Verdict.Fail, $"{counted}: {Convention} lower bound {Format(lower)} > {Format(high)}, so the rate exceeds the limit", null);
        }

        // The exposure at which the events counted so far would just demonstrate the limit.
        var neededSi = demonstration.ExposureNeeded;
        var more = Events == 0
            ? $"{DescribeExposure(Math.Ceiling(neededSi))} without {Singular(EventWords)} needed"
            : $"{DescribeExposure(Math.Ceiling(neededSi))} with no more than {Events.ToString("N0", CultureInfo.InvariantCulture)} {EventWords} needed";
        return new RateJudgement(this, Verdict.Inconclusive, $"{counted}: {Convention} upper bound {Format(upper)} > {Format(high)}; {more} to demonstrate it", neededSi);
    }

    private static string Format(Quantity q) => $"{q.Value.ToString("0.##e+0", CultureInfo.InvariantCulture)} {q.Unit.Symbol}".TrimEnd();

    private static string Singular(string words) => words switch
    {
        "errors" => "an error",
        "events" => "an event",
        _ => $"one of the {words}",
    };
}

/// <summary>The verdict on a counted rate and the reason, as the report states it.</summary>
/// <param name="Rate">What was judged.</param>
/// <param name="Verdict">Pass, Fail or Inconclusive.</param>
/// <param name="Decision">The bound that decided, with its convention; for Inconclusive the exposure that would decide.</param>
/// <param name="ExposureNeeded">For Inconclusive, the exposure (in <see cref="CountedRate.Exposure"/>'s units) that would demonstrate the limit with no more events.</param>
public sealed record RateJudgement(CountedRate Rate, Verdict Verdict, string Decision, double? ExposureNeeded);
