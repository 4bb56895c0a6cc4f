using Reqnroll;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Tests.Support;

namespace SpaceTestBench.Gherkin.Tests.Execution;

/// <summary>What a binding writes or attaches through Reqnroll's <c>IReqnrollOutputHelper</c> on the runner's Reqnroll path.</summary>
public sealed class AttachmentTests
{
    [Test]
    public async Task A_line_written_and_a_file_attached_become_attachments_of_the_running_step_in_the_messages_and_the_result()
    {
        var file = Path.Combine(Path.GetTempPath(), $"spacebench-attachment-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\"rail\":\"core\"}");
        try
        {
            var run = await FeatureRun.RunAsync($"""
                Feature: Attachments
                  Scenario: Logged
                    Given the supply is logged to "{file}"
                """, [typeof(LoggingSteps)]);

            var result = run["Logged"];
            Assert.That(result.Status, Is.EqualTo(TestStatus.Passed), result.Message);
            var stepId = run.Envelopes.Select(e => e.TestStepStarted).Where(s => s is not null).Select(s => s.TestStepId).Single();
            var attachments = run.Attachments.ToList();
            Assert.That(attachments.Select(a => (a.MediaType, a.TestStepId)), Is.EqualTo(new[]
            {
                ("text/x.cucumber.log+plain", stepId),
                ("application/json", stepId),
            }));
            Assert.That(attachments[0].Body, Is.EqualTo("core at 1.8 V"));
            Assert.That(Convert.FromBase64String(attachments[1].Body), Is.EqualTo(await File.ReadAllBytesAsync(file)));
            Assert.That(attachments[1].FileName, Is.EqualTo(Path.GetFileName(file)));
            Assert.That(result.Attachments, Has.Count.EqualTo(2), "the result carries them too (the NUnit driver prints the text ones)");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Binding]
    public sealed class LoggingSteps(Reqnroll.IReqnrollOutputHelper output)
    {
        [Given("the supply is logged to {string}")]
        public void Logged(string path)
        {
            output.WriteLine("core at 1.8 V");
            output.AddAttachment(path);
        }
    }
}
