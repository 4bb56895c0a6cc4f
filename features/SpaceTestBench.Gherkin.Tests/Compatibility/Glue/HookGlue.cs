// C# ports of the glue of the CCK samples about hooks, one class per sample's .ts file, in its
// declaration order; they share a file because each is a few lines.
using Reqnroll;

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.Hooks
{
    [Binding]
    public sealed class Steps
    {
        [BeforeScenario]
        public void Before() { }

        [When("a step passes")]
        public void Passes() { }

        [When("a step fails")]
        public void Fails() => throw new GlueAssertionException("Exception in step");

        [AfterScenario]
        public void After() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.HooksAttachment
{
    [Binding]
    public sealed class Steps(IReqnrollOutputHelper output, CompatibilitySample sample)
    {
        [BeforeScenario]
        public void Before() => output.Attach(File.ReadAllBytes(sample.File("cucumber.svg")), "image/svg+xml");

        [When("a step passes")]
        public void Passes() { }

        [AfterScenario]
        public void After() => output.Attach(File.ReadAllBytes(sample.File("cucumber.svg")), "image/svg+xml");
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.HooksConditional
{
    [Binding]
    public sealed class Steps
    {
        [BeforeScenario("@passing-hook")]
        public Task PassingBefore() => Task.CompletedTask;

        [BeforeScenario("@fail-before")]
        public void FailingBefore() => throw new GlueAssertionException("Exception in conditional hook");

        [When("a step passes")]
        public void Passes() { }

        [AfterScenario("@fail-after")]
        public void FailingAfter() => throw new GlueAssertionException("Exception in conditional hook");

        [AfterScenario("@passing-hook")]
        public Task PassingAfter() => Task.CompletedTask;
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.HooksNamed
{
    [Binding]
    public sealed class Steps
    {
        [BeforeScenario]
        [HookName("A named before hook")]
        public void Before() { }

        [When("a step passes")]
        public void Passes() { }

        [AfterScenario]
        [HookName("A named after hook")]
        public void After() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.HooksSkipped
{
    [Binding]
    public sealed class Steps
    {
        [BeforeScenario]
        public void Before1() { }

        [BeforeScenario("@skip-before")]
        public void SkipBefore() => throw new SkippedStepException();

        [BeforeScenario]
        public void Before2() { }

        [Given("a normal step")]
        public void Normal() { }

        [Given("a step that skips")]
        public void Skips() => throw new SkippedStepException();

        [AfterScenario]
        public void After1() { }

        [AfterScenario("@skip-after")]
        public void SkipAfter() => throw new SkippedStepException();

        [AfterScenario]
        public void After2() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.HooksUndefined
{
    [Binding]
    public sealed class Steps
    {
        [BeforeScenario]
        public void Before() { }

        [AfterScenario]
        public void After() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.SkippedFailingHook
{
    [Binding]
    public sealed class Steps
    {
        [Given("a step that skips")]
        public void Skips() => throw new SkippedStepException();

        [AfterScenario]
        public void After() => throw new GlueAssertionException("whoops");
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.GlobalHooks
{
    [Binding]
    public sealed class Steps
    {
        [BeforeTestRun]
        public static void BeforeAll1() { }

        [BeforeTestRun]
        public static void BeforeAll2() { }

        [When("a step passes")]
        public void Passes() { }

        [When("a step fails")]
        public void Fails() => throw new GlueAssertionException("Exception in step");

        [AfterTestRun]
        public static void AfterAll1() { }

        [AfterTestRun]
        public static void AfterAll2() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.GlobalHooksAfterallError
{
    [Binding]
    public sealed class Steps
    {
        [BeforeTestRun]
        public static void BeforeAll1() { }

        [BeforeTestRun]
        public static void BeforeAll2() { }

        [When("a step passes")]
        public void Passes() { }

        [AfterTestRun]
        public static void AfterAll1() { }

        [AfterTestRun]
        public static void AfterAll2() => throw new GlueAssertionException("AfterAll hook went wrong");

        [AfterTestRun]
        public static void AfterAll3() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.GlobalHooksBeforeallError
{
    [Binding]
    public sealed class Steps
    {
        [BeforeTestRun]
        public static void BeforeAll1() { }

        [BeforeTestRun]
        public static void BeforeAll2() => throw new GlueAssertionException("BeforeAll hook went wrong");

        [BeforeTestRun]
        public static void BeforeAll3() { }

        [When("a step passes")]
        public void Passes() { }

        [AfterTestRun]
        public static void AfterAll1() { }

        [AfterTestRun]
        public static void AfterAll2() { }
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.Glue.GlobalHooksAttachments
{
    [Binding]
    public sealed class Steps
    {
        [BeforeTestRun]
        public static void BeforeAll(IReqnrollOutputHelper output) => output.Attach("Attachment from BeforeAll hook", "text/plain");

        [When("a step passes")]
        public void Passes() { }

        [AfterTestRun]
        public static void AfterAll(IReqnrollOutputHelper output) => output.Attach("Attachment from AfterAll hook", "text/plain");
    }
}
