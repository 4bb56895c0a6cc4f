namespace SpaceTestBench.Results.Tests;

public class VerdictTests
{
    [Test]
    public void Verdicts_are_ordered_by_severity()
    {
        Assert.That(Enum.GetValues<Verdict>(), Is.EqualTo(new[] { Verdict.NotSet, Verdict.Pass, Verdict.Inconclusive, Verdict.Fail, Verdict.Aborted, Verdict.Error }));
    }

    [TestCase(Verdict.Pass, Verdict.Fail, Verdict.Fail)]
    [TestCase(Verdict.Error, Verdict.Fail, Verdict.Error)]
    [TestCase(Verdict.NotSet, Verdict.Pass, Verdict.Pass)]
    [TestCase(Verdict.Inconclusive, Verdict.Pass, Verdict.Inconclusive)]
    [TestCase(Verdict.Aborted, Verdict.Fail, Verdict.Aborted)]
    public void The_most_severe_wins(Verdict a, Verdict b, Verdict worst)
    {
        Assert.That(Verdicts.Worst(a, b), Is.EqualTo(worst));
        Assert.That(Verdicts.Worst(b, a), Is.EqualTo(worst));
    }

    [Test]
    public void Nothing_combines_to_not_set()
    {
        Assert.That(Verdicts.Worst([]), Is.EqualTo(Verdict.NotSet));
        Assert.That(Verdicts.Worst([Verdict.Pass, Verdict.Inconclusive, Verdict.Pass]), Is.EqualTo(Verdict.Inconclusive));
    }
}
