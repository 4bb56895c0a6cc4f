using Reqnroll;
using Gherkin.CucumberMessages;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Tests.Support;

namespace SpaceTestBench.Gherkin.Tests.Execution;

public sealed class BadInputTests
{
    [Test]
    public void A_Gherkin_syntax_error_names_the_file_line_and_column()
    {
        var error = Assert.Throws<GherkinParseException>(() => FeatureSource.Parse("""
            Feature: Broken
              Scenario: One
                Given a step
                | a table with no step |
              Oops this is not Gherkin
            """.ReplaceLineEndings("\n"), "features/broken.feature", "broken.feature", new IncrementingIdGenerator()));

        Assert.That(error!.Errors, Is.Not.Empty);
        Assert.That(error.Message, Does.StartWith("features/broken.feature:5:"));
    }

    [Test]
    public async Task An_unknown_parameter_type_fails_the_step_with_Reqnrolls_binding_error_naming_the_type()
    {
        var run = await FeatureRun.RunAsync("""
            Feature: Airports
              Scenario: Strike
                Given CDG is closed
            """, [typeof(UnknownTypeSteps)]);

        var step = run["Strike"].Steps.Single();
        // Reqnroll: a step definition naming an undefined parameter type makes the binding registry invalid, so every
        // step of the run fails with that binding error (this layer's executor made only that definition's steps undefined).
        Assert.That(step.Status, Is.EqualTo(TestStatus.Failed));
        Assert.That(step.Message, Does.Contain("test.feature:3").And.Contain("airport"));
        Assert.That(run.Envelopes.Single(e => e.UndefinedParameterType is not null).UndefinedParameterType.Name, Is.EqualTo("airport"));
    }

    [Test]
    public async Task A_binding_with_the_wrong_parameter_count_fails_the_step_naming_method_and_line()
    {
        var run = await FeatureRun.RunAsync("""
            Feature: Counts
              Scenario: Too few parameters
                Given 3 supplies
            """, [typeof(BadSteps)]);

        var step = run["Too few parameters"].Steps.Single();
        Assert.That(step.Status, Is.EqualTo(TestStatus.Failed));
        Assert.That(step.Message, Does.Contain("BadSteps.Supplies(Int32, String)").And.Contain("test.feature:3"));
    }

    [Test]
    public async Task A_throwing_step_reports_its_method_and_line()
    {
        var run = await FeatureRun.RunAsync("""
            Feature: Throws
              Scenario: Boom
                Given it explodes
            """, [typeof(BadSteps)]);

        var step = run["Boom"].Steps.Single();
        Assert.That(step.Message, Does.Contain("BadSteps.Explodes()").And.Contain("test.feature:3").And.Contain("BOOM"));
        var exception = run.Envelopes.Single(e => e.TestStepFinished is not null).TestStepFinished.TestStepResult.Exception;
        Assert.That(exception.StackTrace, Does.Contain("test.feature:3"), "the stack trace starts at the feature line");
    }

    // On Reqnroll an unknown parameter type is an error of the whole binding registry: it has a class of its own.
    [Binding]
    public sealed class UnknownTypeSteps
    {
        [Given("{airport} is closed")]
        public void Closed(string airport) { }
    }

    [Binding]
    public sealed class BadSteps
    {
        [Given("{int} supplies")]
        public void Supplies(int count, string extra) { }

        [Given("it explodes")]
        public void Explodes() => throw new InvalidOperationException("BOOM");
    }
}
