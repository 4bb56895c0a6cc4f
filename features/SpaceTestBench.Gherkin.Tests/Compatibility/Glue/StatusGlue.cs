// C# ports of the glue of the CCK samples about step statuses. Each class ports one sample's .ts file,
// in its declaration order (the order Cucumber Messages report definitions in); they share a file
// because each is a few lines.
using Reqnroll;

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.AllStatuses
{
    [Binding]
    public sealed class Steps
    {
        [Given("^a step$")]
        public void Step() { }

        [Given("^a failing step$")]
        public void Failing() => throw new GlueAssertionException("whoops");

        [Given("^a pending step$")]
        public void Pending() => throw new Reqnroll.PendingStepException();

        [Given("^a skipped step$")]
        public void Skipped() => throw new SkippedStepException();

        [Given("^an ambiguous (.*?)$")]
        public void Ambiguous1(string _) { }

        [Given("^(.*?) ambiguous step$")]
        public void Ambiguous2(string _) { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.FailedishCombinations
{
    [Binding]
    public sealed class Steps
    {
        [Given("^a step$")]
        public void Step() { }

        [Given("^a skipped step$")]
        public void Skipped() => throw new SkippedStepException();

        [Given("^a pending step$")]
        public void Pending() => throw new Reqnroll.PendingStepException();

        [Given("^an ambiguous (.*?)$")]
        public void Ambiguous1(string _) { }

        [Given("^(.*?) ambiguous step$")]
        public void Ambiguous2(string _) { }

        [Given("^a failing step$")]
        public void Failing() => throw new GlueAssertionException("whoops");
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Ambiguous
{
    [Binding]
    public sealed class Steps
    {
        [Given("^a (.*?) with (.*?)$")]
        public void First(string a, string b) { }

        [Given("^a step with (.*?)$")]
        public void Second(string a) { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Pending
{
    [Binding]
    public sealed class Steps
    {
        [Given("an implemented non-pending step")]
        public void Implemented() { }

        [Given("an implemented step that is skipped")]
        public void Skipped() { }

        [Given("an unimplemented pending step")]
        public void Unimplemented() => throw new Reqnroll.PendingStepException();
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.PendingException
{
    [Binding]
    public sealed class Steps
    {
        [Given("an unimplemented pending step")]
        public void Unimplemented() => throw new Reqnroll.PendingStepException("TODO");
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Skipped
{
    [Binding]
    public sealed class Steps
    {
        [Given("a step that does not skip")]
        public void DoesNotSkip() { }

        [Given("a step that is skipped")]
        public void IsSkipped() { }

        [Given("I skip a step")]
        public void Skip() => throw new SkippedStepException();
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.SkippedException
{
    [Binding]
    public sealed class Steps
    {
        [Given("I skip a step")]
        public void Skip() => throw new SkippedStepException("skipping");
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.StackTraces
{
    [Binding]
    public sealed class Steps
    {
        [When("a step throws an exception")]
        public void Throws() => throw new GlueAssertionException("BOOM");
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Undefined
{
    [Binding]
    public sealed class Steps
    {
        [Given("an implemented step")]
        public void Implemented() { }

        [Given("a step that will be skipped")]
        public void WillBeSkipped() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.UndefinedMultiple
{
    [Binding]
    public sealed class Steps
    {
        [Given("an implemented step")]
        public void Implemented() { }

        [Given("a step that will be skipped")]
        public void WillBeSkipped() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.UnusedSteps
{
    [Binding]
    public sealed class Steps
    {
        [Given("a step that is used")]
        public void Used() { }

        [Given("a step that is not used")]
        public void NotUsed() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.UnknownParameterType
{
    [Binding]
    public sealed class Steps
    {
        [Given("{airport} is closed because of a strike")]
        public void Closed(object airport) => throw new GlueAssertionException("Should not be called because airport parameter type has not been defined");
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.RetryAmbiguous
{
    [Binding]
    public sealed class Steps
    {
        [Given("an ambiguous step")]
        public void First() { }

        [Given("an ambiguous step")]
        public void Second() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.RetryPending
{
    [Binding]
    public sealed class Steps
    {
        [Given("a pending step")]
        public void Pending() => throw new Reqnroll.PendingStepException();
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Retry
{
    [Binding]
    public sealed class Steps(CompatibilitySample sample)
    {
        [Given("a step that always passes")]
        public void AlwaysPasses() { }

        [Given("a step that passes the second time")]
        public void SecondTime()
        {
            if (Count("second") < 2)
            {
                throw new GlueAssertionException("Exception in step");
            }
        }

        [Given("a step that passes the third time")]
        public void ThirdTime()
        {
            if (Count("third") < 3)
            {
                throw new GlueAssertionException("Exception in step");
            }
        }

        [Given("a step that always fails")]
        public void AlwaysFails() => throw new GlueAssertionException("Exception in step");

        private int Count(string key) => sample.Counters[key] = sample.Counters.GetValueOrDefault(key) + 1;
    }
}
