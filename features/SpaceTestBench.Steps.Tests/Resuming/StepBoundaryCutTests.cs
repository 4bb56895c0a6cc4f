using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Tests.Resuming;

/// <summary>
/// The step-boundary cut a test arms by environment (issue 15) never silently misses: a value that does not name a
/// feature, a line and a step is refused with the form to use. Where it lands is pinned end to end by
/// <c>Cli.Tests/Robustness/ResumeAtStepBoundaryTests</c> (the record ends between the two steps).
/// </summary>
public class StepBoundaryCutTests
{
    [TestCase("radiation/proton.feature:31")]
    [TestCase("radiation/proton.feature:31:x")]
    [TestCase(":31:1")]
    [TestCase("radiation/proton.feature:-1:2")]
    [TestCase("radiation/proton.feature:31:2:4")]
    public void A_cut_that_does_not_name_a_feature_line_and_step_is_refused_with_the_form_to_use(string value)
    {
        var error = Assert.Throws<FormatException>(() => StepBoundaryCut.Parse(value));

        Assert.That(error!.Message, Does.Contain(StepBoundaryCut.Variable).And.Contain($"'{value}'").And.Contain("FEATURE:LINE:STEP"));
    }

    [Test]
    public void Without_its_variable_no_cut_is_armed()
    {
        Assert.That(Environment.GetEnvironmentVariable(StepBoundaryCut.Variable), Is.Null.Or.Empty, "the test process runs without it");
        Assert.That(StepBoundaryCut.FromEnvironment(), Is.Null);
    }

    [TestCase("radiation/total-ionizing-dose.feature:44:7")]
    [TestCase("radiation/total-ionizing-dose.feature:44:7:0")]
    [TestCase("radiation/total-ionizing-dose.feature:44:x:1")]
    [TestCase(":44:7:1")]
    public void A_milestone_cut_that_does_not_name_a_feature_line_step_and_milestone_is_refused_with_the_form_to_use(string value)
    {
        var error = Assert.Throws<FormatException>(() => InStepCut.Parse(InStepCut.Milestone, value));

        Assert.That(error!.Message, Does.Contain(InStepCut.Milestone.Variable).And.Contain($"'{value}'").And.Contain("FEATURE:LINE:STEP:N"));
    }
}
