// Reqnroll ports of the glue of the CCK samples that attach files: Reqnroll 3.3.4's output helper attaches a file
// by path (its media type from the extension), where this layer's attaches bytes with a media type. The CCK on
// Reqnroll runs these instead of Glue.<Sample>; the rest of the glue is the same on both engines.
using Reqnroll;

namespace SpaceTestBench.Gherkin.Tests.Compatibility.ReqnrollGlue.HooksAttachment
{
    [Binding]
    public sealed class Steps(Reqnroll.IReqnrollOutputHelper output, CompatibilitySample sample)
    {
        [BeforeScenario]
        public void Before() => output.AddAttachment(sample.File("cucumber.svg"));

        [When("a step passes")]
        public void Passes() { }

        [AfterScenario]
        public void After() => output.AddAttachment(sample.File("cucumber.svg"));
    }
}

namespace SpaceTestBench.Gherkin.Tests.Compatibility.ReqnrollGlue.ExamplesTablesAttachment
{
    [Binding]
    public sealed class Steps(Reqnroll.IReqnrollOutputHelper output, CompatibilitySample sample)
    {
        [When("a JPEG image is attached")]
        public void Jpeg() => output.AddAttachment(sample.File("cucumber.jpeg"));

        [When("a PNG image is attached")]
        public void Png() => output.AddAttachment(sample.File("cucumber.png"));
    }
}
