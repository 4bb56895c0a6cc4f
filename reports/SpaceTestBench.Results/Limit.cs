using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results;

/// <summary>How a measured value is compared with its limits (TestStand's vocabulary).</summary>
public enum LimitComparison
{
    /// <summary>Low ≤ x ≤ High.</summary>
    GELE,

    /// <summary>Low &lt; x &lt; High.</summary>
    GTLT,

    /// <summary>x ≥ Low.</summary>
    GE,

    /// <summary>x &gt; Low.</summary>
    GT,

    /// <summary>x ≤ High.</summary>
    LE,

    /// <summary>x &lt; High.</summary>
    LT,

    /// <summary>|x − Nominal| ≤ Tolerance.</summary>
    EQT,
}

/// <summary>
/// The limits a measurement is judged against. Bounds are quantities, so a limit in mA judges a
/// reading in A correctly, and a limit of the wrong dimension is an error rather than a silent pass.
/// </summary>
public sealed record Limit
{
    /// <summary>
    /// The relative difference under which a value and a bound are the same number (1e-12: about 4,500 ulps
    /// of a double, far below any instrument's resolution and far above the rounding of a unit conversion or
    /// a ratio of counts). A bound of zero is compared exactly.
    /// </summary>
    public const double RelativeTolerance = 1e-12;

    private Limit(LimitComparison comparison, Quantity? low, Quantity? high, Quantity? nominal, Quantity? tolerance)
    {
        Comparison = comparison;
        Low = low;
        High = high;
        Nominal = nominal;
        Tolerance = tolerance;
        var complete = comparison switch
        {
            LimitComparison.GELE or LimitComparison.GTLT => low is not null && high is not null,
            LimitComparison.GE or LimitComparison.GT => low is not null,
            LimitComparison.LE or LimitComparison.LT => high is not null,
            LimitComparison.EQT => nominal is not null && tolerance is not null,
            _ => false,
        };
        if (!complete)
        {
            throw new ArgumentException($"A {comparison} limit needs {Needs(comparison)}.", nameof(comparison));
        }

        var dimensions = new[] { low, high, nominal, tolerance }.Where(q => q.HasValue).Select(q => q!.Value.Dimension).Distinct().ToList();
        if (dimensions.Count != 1)
        {
            throw new UnitMismatchException($"The bounds of a {comparison} limit must all be of one dimension; got {string.Join(", ", dimensions)}.");
        }

        Dimension = dimensions[0];
        if (tolerance is { } t && !t.Unit.IsLinear)
        {
            throw new UnitMismatchException($"The tolerance {t} of a {comparison} limit must be in a linear unit; a logarithmic level has no difference.");
        }

        var display = (low ?? high ?? nominal)!.Value.Unit;
        (LowerSi, UpperSi) = comparison switch
        {
            LimitComparison.EQT => (nominal!.Value.SiValue - DifferenceSi(tolerance!.Value), nominal.Value.SiValue + DifferenceSi(tolerance.Value)),
            _ => (low?.SiValue, high?.SiValue),
        };
        LowerBound = LowerSi is { } lo ? Quantity.FromSi(lo, display) : null;
        UpperBound = UpperSi is { } hi ? Quantity.FromSi(hi, display) : null;
    }

    /// <summary>The comparison.</summary>
    public LimitComparison Comparison { get; }

    /// <summary>Lower bound, for GELE, GTLT, GE, GT.</summary>
    public Quantity? Low { get; }

    /// <summary>Upper bound, for GELE, GTLT, LE, LT.</summary>
    public Quantity? High { get; }

    /// <summary>Nominal value, for EQT.</summary>
    public Quantity? Nominal { get; }

    /// <summary>Allowed deviation from nominal, for EQT.</summary>
    public Quantity? Tolerance { get; }

    /// <summary>The dimension every bound shares.</summary>
    public Dimension Dimension { get; }

    /// <summary>The lowest passing value in SI units (nominal − tolerance for EQT); null if unbounded below.</summary>
    public double? LowerSi { get; }

    /// <summary>The highest passing value in SI units (nominal + tolerance for EQT); null if unbounded above.</summary>
    public double? UpperSi { get; }

    /// <summary><see cref="LowerSi"/> as a quantity in the limit's own unit.</summary>
    public Quantity? LowerBound { get; }

    /// <summary><see cref="UpperSi"/> as a quantity in the limit's own unit.</summary>
    public Quantity? UpperBound { get; }

    /// <summary>Low ≤ x ≤ High.</summary>
    public static Limit Between(Quantity low, Quantity high) => new(LimitComparison.GELE, low, high, null, null);

    /// <summary>Low &lt; x &lt; High.</summary>
    public static Limit StrictlyBetween(Quantity low, Quantity high) => new(LimitComparison.GTLT, low, high, null, null);

    /// <summary>x ≥ low.</summary>
    public static Limit AtLeast(Quantity low) => new(LimitComparison.GE, low, null, null, null);

    /// <summary>x &gt; low.</summary>
    public static Limit Above(Quantity low) => new(LimitComparison.GT, low, null, null, null);

    /// <summary>x ≤ high.</summary>
    public static Limit AtMost(Quantity high) => new(LimitComparison.LE, null, high, null, null);

    /// <summary>x &lt; high.</summary>
    public static Limit Below(Quantity high) => new(LimitComparison.LT, null, high, null, null);

    /// <summary>|x − nominal| ≤ tolerance.</summary>
    public static Limit Within(Quantity nominal, Quantity tolerance) => new(LimitComparison.EQT, null, null, nominal, tolerance);

    /// <summary>Rebuilds a limit from its stored parts.</summary>
    public static Limit FromParts(LimitComparison comparison, Quantity? low, Quantity? high, Quantity? nominal, Quantity? tolerance) =>
        new(comparison, low, high, nominal, tolerance);

    /// <summary>The verdict for a value; throws <see cref="UnitMismatchException"/> if its dimension differs.</summary>
    public Verdict Evaluate(Quantity value)
    {
        value.RequireSameDimension(Dimension, $"judge {value} against the limit {this}");
        var x = value.SiValue;
        if (double.IsNaN(x))
        {
            return Verdict.Fail;
        }

        // A value within RelativeTolerance of a bound is the bound: 1 Gbps a few ulps short after a unit conversion
        // meets "x ≥ 1 Gbps", and a value a few ulps past "x < 5" does not meet it. (It is not a measurement's
        // resolution: a line rate one bit short over a 10 s gate, 0.9999999999 Gbps, is 1e-10 short and misses it.) Inclusive bounds widen, strict
        // bounds narrow, so representation noise never decides a verdict either way.
        var pass = Comparison switch
        {
            LimitComparison.GELE or LimitComparison.EQT => AtLeast(x, LowerSi!.Value) && AtMost(x, UpperSi!.Value),
            LimitComparison.GTLT => !AtMost(x, LowerSi!.Value) && !AtLeast(x, UpperSi!.Value),
            LimitComparison.GE => AtLeast(x, LowerSi!.Value),
            LimitComparison.GT => !AtMost(x, LowerSi!.Value),
            LimitComparison.LE => AtMost(x, UpperSi!.Value),
            LimitComparison.LT => !AtLeast(x, UpperSi!.Value),
            _ => throw new InvalidOperationException($"Unknown comparison {Comparison}."),
        };
        return pass ? Verdict.Pass : Verdict.Fail;
    }

    /// <summary>True when <paramref name="x"/> ≤ <paramref name="bound"/> or equal to it within <see cref="RelativeTolerance"/>.</summary>
    private static bool AtMost(double x, double bound) => x <= bound || x - bound <= RelativeTolerance * Math.Max(Math.Abs(x), Math.Abs(bound));

    /// <summary>True when <paramref name="x"/> ≥ <paramref name="bound"/> or equal to it within <see cref="RelativeTolerance"/>.</summary>
    private static bool AtLeast(double x, double bound) => x >= bound || bound - x <= RelativeTolerance * Math.Max(Math.Abs(x), Math.Abs(bound));

    private static string Needs(LimitComparison comparison) => comparison switch
    {
        LimitComparison.GELE or LimitComparison.GTLT => "a low and a high bound",
        LimitComparison.GE or LimitComparison.GT => "a low bound",
        LimitComparison.LE or LimitComparison.LT => "a high bound",
        LimitComparison.EQT => "a nominal value and a tolerance",
        _ => "a known comparison",
    };

    // A tolerance is a difference: "± 2 °C" is 2 K, not 275.15 K, so the unit's offset does not apply.
    private static double DifferenceSi(Quantity tolerance) => Math.Abs(tolerance.Value * tolerance.Unit.Scale);

    /// <summary>"1.2 mA ≤ x ≤ 3 mA" and the like.</summary>
    public override string ToString() => Comparison switch
    {
        LimitComparison.GELE => $"{Low} ≤ x ≤ {High}",
        LimitComparison.GTLT => $"{Low} < x < {High}",
        LimitComparison.GE => $"x ≥ {Low}",
        LimitComparison.GT => $"x > {Low}",
        LimitComparison.LE => $"x ≤ {High}",
        LimitComparison.LT => $"x < {High}",
        LimitComparison.EQT => $"x = {Nominal} ± {Tolerance}",
        _ => Comparison.ToString(),
    };
}
