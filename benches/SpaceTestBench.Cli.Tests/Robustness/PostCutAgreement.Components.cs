using MathNet.Numerics.Distributions;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>The noise model of <see cref="PostCutAgreement"/>: a step's common offset and its rows' own noise.</summary>
internal static partial class PostCutAgreement
{
    /// <summary>
    /// Every row recorded after the cut (its step at or after <paramref name="recordedBeforeCut"/>), judged as its step's
    /// common offset and its own residual about it (the class's remarks); a time recorded in the first step after the cut
    /// may be an interval the resume lies in, so its step is also judged less <paramref name="resumeTime"/> and the better
    /// of the two kept.
    /// </summary>
    internal static List<Judgement> Compare(
        IReadOnlyDictionary<RowKey, Row> uninterrupted,
        IReadOnlyDictionary<RowKey, Row> reference,
        IReadOnlyDictionary<RowKey, Row> resumed,
        Func<string, int> recordedBeforeCut,
        IReadOnlyDictionary<string, double> resumeTime)
    {
        var paired = uninterrupted
            .Where(r => reference.TryGetValue(r.Key, out var other) && double.IsFinite(r.Value.Value) && double.IsFinite(other.Value))
            .Select(r => (r.Key, A: r.Value.Value, B: reference[r.Key].Value))
            .ToList();
        var byScenario = paired.GroupBy(p => (p.Key.Scenario, p.Key.Name))
            .ToDictionary(g => g.Key, g => Components.Of(g.Select(p => (Step: $"{p.Key.Scenario}#{p.Key.Step}", p.A, p.B))));
        var byName = paired.GroupBy(p => p.Key.Name)
            .ToDictionary(g => g.Key, g => Components.Of(g.Select(p => (Step: $"{p.Key.Scenario}#{p.Key.Step}", p.A, p.B))));
        Components Pool(string scenario, string name)
        {
            // The scenario's own rows of the name where they are enough; else the name's over the whole run (the same
            // quantity read by the same instrument), which has more of them.
            var own = byScenario.GetValueOrDefault((scenario, name)) ?? Components.None;
            return own.Pairs >= MinimumDegreesOfFreedom || !byName.TryGetValue(name, out var wide) || wide.Pairs <= own.Pairs ? own : wide;
        }

        var judgements = new List<Judgement>();
        var after = uninterrupted.Where(r => r.Key.Step >= recordedBeforeCut(r.Key.Scenario));
        foreach (var step in after.GroupBy(r => (r.Key.Scenario, r.Key.Step, r.Key.Name)))
        {
            var rows = step.OrderBy(r => r.Key.Ordinal).ToList();
            var pairs = new List<(int Ordinal, double Uninterrupted, double Resumed)>();
            foreach (var (key, row) in rows)
            {
                Assert.That(resumed.TryGetValue(key, out var again), Is.True, $"{key.Scenario} step {key.Step} '{key.Name}' #{key.Ordinal} was not recorded again after the resume");
                pairs.Add((key.Ordinal, row.Value, again.Value));
            }

            var pool = Pool(step.Key.Scenario, step.Key.Name);
            var judged = JudgeStep(step.Key.Scenario, step.Key.Step, step.Key.Name, pairs, pool, 0);
            if (step.Key.Step == recordedBeforeCut(step.Key.Scenario) && rows.All(r => r.Value.IsTime)
                && resumeTime.TryGetValue(step.Key.Scenario, out var shift) && shift != 0)
            {
                var less = JudgeStep(step.Key.Scenario, step.Key.Step, step.Key.Name, pairs, pool, shift);
                if (less.Max(j => j.NormalizedError) < judged.Max(j => j.NormalizedError))
                {
                    judged = less;
                }
            }

            judgements.AddRange(judged);
        }

        return judgements;
    }

    /// <summary>One step's rows of one name: its offset and each row's residual about it, or each row exactly, with the resumed values less <paramref name="correction"/>.</summary>
    private static List<Judgement> JudgeStep(string scenario, int step, string name, List<(int Ordinal, double Uninterrupted, double Resumed)> pairs, Components pool, double correction)
    {
        Judgement Plain(Judged kind, (int Ordinal, double Uninterrupted, double Resumed) p, double normalized) =>
            new(kind, scenario, step, name, p.Ordinal, p.Uninterrupted, p.Resumed, false, kind is Judged.Exact ? 0 : double.NaN, normalized, kind is Judged.Exact ? 0 : double.PositiveInfinity, 0) { Correction = correction };

        if (pool.Pairs == 0)
        {
            // The reference run (another seed) recorded no such row: nothing to judge its spread by.
            return [.. pairs.Select(p => Plain(Judged.Unreferenced, p, double.NaN))];
        }

        if (pool.StepVariance(1) == 0)
        {
            // No spread between the seeds: the value is not noisy, and must be given back as it was (a correction, a
            // difference of bench times, to the clock's 1 µs).
            var tolerance = correction == 0 ? 0 : 1e-6;
            return [.. pairs.Select(p => Plain(Judged.Exact, p, Math.Abs(p.Resumed - correction - p.Uninterrupted) <= tolerance ? 0 : double.PositiveInfinity))];
        }

        var differences = pairs.Select(p => pool.Difference(p.Resumed - correction, p.Uninterrupted)).ToList();
        var n = pairs.Count;
        var offset = differences.Average();
        var judged = new List<Judgement>();
        var stepVariance = pool.StepVariance(n);
        judged.Add(new Judgement(
            Judged.StepOffset, scenario, step, name, -1, pairs.Average(p => p.Uninterrupted), pairs.Average(p => p.Resumed), pool.Relative,
            2 * Math.Sqrt(stepVariance), Math.Abs(offset) / (2 * Math.Sqrt(stepVariance)), GrossBound(pool.StepDegreesOfFreedom), ExceedanceChance(pool.StepDegreesOfFreedom))
        { Correction = correction });
        if (n < 2)
        {
            return judged;
        }

        // A residual about the step's own mean has variance w·(1 − 1/n) (the mean takes one of the n rows' freedom).
        var residualVariance = pool.RowVariance * (1 - (1.0 / n));
        for (var i = 0; i < n; i++)
        {
            var residual = differences[i] - offset;
            var normalized = residualVariance > 0
                ? Math.Abs(residual) / (2 * Math.Sqrt(residualVariance))
                : Math.Abs(residual) <= 1e-9 * Math.Abs(offset) ? 0 : double.PositiveInfinity;
            judged.Add(new Judgement(
                Judged.Residual, scenario, step, name, pairs[i].Ordinal, pairs[i].Uninterrupted, pairs[i].Resumed, pool.Relative,
                2 * Math.Sqrt(residualVariance), normalized, residualVariance > 0 ? GrossBound(pool.RowDegreesOfFreedom) : 0, residualVariance > 0 ? ExceedanceChance(pool.RowDegreesOfFreedom) : 0)
            { Correction = correction });
        }

        return judged;
    }

    /// <summary>max(3, t_ν(1 − 5·10⁻⁵)/2): a single E_n above it by chance with probability at most 10⁻⁴.</summary>
    private static double GrossBound(int nu) => Math.Max(3, TwoSidedQuantile(nu, GrossChance) / 2);

    /// <summary>P(E_n &gt; 1) = P(|t_ν| &gt; 2) when nothing was lost.</summary>
    private static double ExceedanceChance(int nu) => 2 * StudentT.CDF(0, 1, nu, -2);

    /// <summary>
    /// The variance components of one pool of pairs (the two reference runs' values of one name, by step), as the scaled
    /// difference d of two runs (relative or absolute): w = 2σ_r², the variance of a row's own noise in d, from the spread
    /// of each step's differences about their mean (ν_r = Σ(n_g − 1)); b = 2σ_s², the variance of a step's common offset in
    /// d, from the steps' mean differences (E[d̄_g²] = b + w/n_g, so b = max(0, mean(d̄_g² − w/n_g)), ν_s = the number of
    /// steps k). Where every step has one row, the two cannot be told apart: w is their sum (mean d²) and b = 0, which
    /// judges each such row as a step of one row with the whole variance, as the row-by-row criterion did.
    /// </summary>
    internal sealed record Components(bool Relative, double RowVariance, double OffsetVariance, int RowDegreesOfFreedom, int StepDegreesOfFreedom, int Pairs)
    {
        public static Components None { get; } = new(false, 0, 0, 0, 0, 0);

        /// <summary>The variance of the mean difference of a step of <paramref name="rows"/> rows: b + w/n.</summary>
        public double StepVariance(int rows) => OffsetVariance + (RowVariance / rows);

        /// <summary>x − y in this pool's scale: relative to their mean magnitude, or absolute.</summary>
        public double Difference(double x, double y) => Relative ? (x - y) / ((Math.Abs(x) + Math.Abs(y)) / 2) : x - y;

        /// <summary>The components of <paramref name="pairs"/>: relative when every value has one sign and none is zero, else absolute.</summary>
        public static Components Of(IEnumerable<(string Step, double A, double B)> pairs)
        {
            var list = pairs.ToList();
            if (list.Count == 0)
            {
                return None;
            }

            var relative = list.All(p => p.A > 0 && p.B > 0) || list.All(p => p.A < 0 && p.B < 0);
            var scale = new Components(relative, 0, 0, 0, 0, 0);
            var steps = list.GroupBy(p => p.Step, StringComparer.Ordinal).Select(g => g.Select(p => scale.Difference(p.A, p.B)).ToList()).ToList();
            var rowFreedom = steps.Sum(d => d.Count - 1);
            var k = steps.Count;
            if (rowFreedom == 0)
            {
                return new Components(relative, steps.Average(d => d[0] * d[0]), 0, k, k, list.Count);
            }

            var within = steps.Sum(d => d.Sum(x => (x - d.Average()) * (x - d.Average()))) / rowFreedom;
            var between = Math.Max(0, steps.Average(d => (d.Average() * d.Average()) - (within / d.Count)));
            return new Components(relative, within, between, rowFreedom, k, list.Count);
        }
    }
}
