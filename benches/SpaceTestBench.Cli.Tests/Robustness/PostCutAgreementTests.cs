using static SpaceTestBench.Cli.Tests.Robustness.PostCutAgreement;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// The post-cut criterion on synthetic runs whose noise is known: rows of a step share a common offset drawn anew by
/// every run (a chamber hold's landing temperature) plus their own noise. A resumed run that is another realisation of
/// the same physics is accepted; one that lost a state — a real offset beyond the uncertainty, on a whole step or on one
/// row — is refused, as the hand-made break of issue 15 (the DUT's dose and damage dropped from the world checkpoint:
/// the threshold voltage after the overtest and the room anneal 0.4448 V for 0.4334 V) was by the row-by-row criterion.
/// </summary>
public class PostCutAgreementTests
{
    private const string Scenario = "radiation/synthetic.feature:42";

    /// <summary>Steps 5–9 with 11 rows each, as TID by ESCC 22900's parametric tests; the cut before step 7.</summary>
    private static readonly int[] Steps = [5, 6, 7, 8, 9];

    private const int Cut = 7;

    [Test]
    public void A_resumed_run_whose_steps_landed_at_other_shared_conditions_agrees()
    {
        // σ_s = 0.15 mA per run and step (the hold's landing), σ_r = 0.05 mA per row: a step's rows move together by
        // several times their own noise, as the hot anneal's did (0.3 mA for a 0.1 mA spread).
        var (uninterrupted, reference, resumed) = Runs(seed: 1, mean: 0.3466, stepSigma: 0.15e-3, rowSigma: 0.05e-3);

        var judgements = Compare(uninterrupted, reference, resumed, _ => Cut, new Dictionary<string, double>());

        Assert.That(judgements.Count(j => j.Kind == Judged.StepOffset), Is.EqualTo(3), "steps 7, 8 and 9 judged once each for their common offset");
        Assert.That(judgements.Count(j => j.Kind == Judged.Residual), Is.EqualTo(33));
        Assert.That(PostCutAgreement.Judge(judgements), Is.Empty);
    }

    [Test]
    public void A_step_offset_beyond_what_the_seeds_show_is_refused()
    {
        // The threshold voltage read with 0.5 mV of noise, the seeds' steps within 0.1 mV of each other; the resumed run's
        // overtest and room anneal 11.4 mV higher on every sample, as with the dose lost.
        var (uninterrupted, reference, resumed) = Runs(seed: 2, mean: 0.4334, stepSigma: 0.1e-3, rowSigma: 0.5e-3);
        var broken = resumed.ToDictionary(r => r.Key, r => r.Key.Step is 7 or 8 ? r.Value with { Value = r.Value.Value + 0.0114 } : r.Value);

        var judgements = Compare(uninterrupted, reference, broken, _ => Cut, new Dictionary<string, double>());
        var problems = PostCutAgreement.Judge(judgements);

        Assert.That(problems, Is.Not.Empty);
        Assert.That(judgements.Where(j => j.NormalizedError > j.GrossBound).Select(j => (j.Kind, j.Step)), Is.EquivalentTo(new[] { (Judged.StepOffset, 7), (Judged.StepOffset, 8) }),
            "the lost state is the steps' common offset, not their rows' scatter");
        Assert.That(PostCutAgreement.Judge(Compare(uninterrupted, reference, resumed, _ => Cut, new Dictionary<string, double>())), Is.Empty, "the same runs without the break agree");
    }

    [Test]
    public void One_sample_that_lost_its_state_is_refused_by_its_residual_about_the_steps_offset()
    {
        var (uninterrupted, reference, resumed) = Runs(seed: 3, mean: 0.3466, stepSigma: 0.15e-3, rowSigma: 0.05e-3);
        var broken = resumed.ToDictionary(r => r.Key, r => r.Key is { Step: 8, Ordinal: 4 } ? r.Value with { Value = r.Value.Value + 1.5e-3 } : r.Value);

        var judgements = Compare(uninterrupted, reference, broken, _ => Cut, new Dictionary<string, double>());

        Assert.That(judgements.Where(j => j.NormalizedError > j.GrossBound).Select(j => (j.Kind, j.Step, j.Ordinal)), Does.Contain((Judged.Residual, 8, 4)));
        Assert.That(PostCutAgreement.Judge(judgements), Is.Not.Empty);
    }

    [Test]
    public void An_interval_the_resume_lies_in_is_judged_less_the_resumes_own_time_and_nothing_else_is()
    {
        // Both seeds record 0 s from the last test to the next exposure (no spread: compared exactly); after the resume
        // 1.75 s, the resume's own boot between the two.
        var key = new RowKey(Scenario, Cut, "time from parametric test to next exposure", 0);
        var whole = new Dictionary<RowKey, Row> { [key] = new(0, true) };
        var again = new Dictionary<RowKey, Row> { [key] = new(1.75, true) };

        var allowed = Compare(whole, whole, again, _ => Cut, new Dictionary<string, double> { [Scenario] = 1.75 });
        var other = Compare(whole, whole, again, _ => Cut, new Dictionary<string, double> { [Scenario] = 1.5 });
        var later = Compare(whole, whole, again, _ => Cut - 1, new Dictionary<string, double> { [Scenario] = 1.75 });

        Assert.That(PostCutAgreement.Judge(allowed), Is.Empty, "the interval less the resume's time is the uninterrupted run's");
        Assert.That(allowed.Single().Correction, Is.EqualTo(1.75));
        Assert.That(PostCutAgreement.Judge(other), Is.Not.Empty, "a difference that is not the resume's time is not excused");
        Assert.That(PostCutAgreement.Judge(later), Is.Not.Empty, "only a step right after the cut can hold an interval the resume lies in");
    }

    /// <summary>
    /// An uninterrupted run, a reference run (another seed) and a resumed run of <see cref="Steps"/> × 11 rows of one
    /// quantity: each run draws every step's common offset (σ <paramref name="stepSigma"/>) and every row's noise (σ
    /// <paramref name="rowSigma"/>); the samples differ by fixed amounts the runs share. The resumed run has the
    /// uninterrupted run's values before <see cref="Cut"/>, and draws its own after it.
    /// </summary>
    private static (Dictionary<RowKey, Row> Uninterrupted, Dictionary<RowKey, Row> Reference, Dictionary<RowKey, Row> Resumed) Runs(int seed, double mean, double stepSigma, double rowSigma)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var samples = Enumerable.Range(0, 11).Select(i => mean * (1 + (0.01 * (i - 5)))).ToArray();
        Dictionary<RowKey, Row> Run()
        {
            var rows = new Dictionary<RowKey, Row>();
            foreach (var step in Steps)
            {
                var offset = stepSigma * Normal();
                for (var i = 0; i < samples.Length; i++)
                {
                    rows[new RowKey(Scenario, step, "parametric", i)] = new Row(samples[i] + offset + (rowSigma * Normal()), false);
                }
            }

            return rows;
        }

        var uninterrupted = Run();
        var reference = Run();
        var resumed = Run().ToDictionary(r => r.Key, r => r.Key.Step < Cut ? uninterrupted[r.Key] : r.Value);
        return (uninterrupted, reference, resumed);
    }
}
