using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Bench.Tests;

/// <summary>
/// A campaign takes the bench for its lifetime (issue 16's composition root): its recorder and wait checkpoints are
/// attached in one call and released by disposing the attachment, one campaign at a time.
/// </summary>
public sealed class CampaignAttachmentTests
{
    [Test]
    public async Task A_second_campaign_is_refused_while_one_holds_the_bench_and_accepted_after_it_ends()
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        await using var bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!));
        var first = new CountingCheckpoints();
        Assert.That(bench.Checkpoints, Is.Null, "no campaign yet: waits checkpoint nowhere");

        var attachment = bench.AttachCampaign(new ResultRecorder(bench.Clock), first);
        Assert.That(bench.Checkpoints, Is.SameAs(first));
        var refused = Assert.Throws<InvalidOperationException>(() => bench.AttachCampaign(new ResultRecorder(bench.Clock), new CountingCheckpoints()));
        Assert.That(refused!.Message, Does.Contain(definition.Name));

        // A long wait checkpoints into the attached campaign's checkpoints…
        await bench.WaitAsync(definition.Safety.CheckpointInterval * 2);
        Assert.That(first.Progresses, Is.EqualTo(2));

        // …and none after it ends; disposing twice is harmless.
        attachment.Dispose();
        attachment.Dispose();
        Assert.That(bench.Checkpoints, Is.Null);
        await bench.WaitAsync(definition.Safety.CheckpointInterval * 2);
        Assert.That(first.Progresses, Is.EqualTo(2));

        var second = new CountingCheckpoints();
        using var next = bench.AttachCampaign(new ResultRecorder(bench.Clock), second);
        Assert.That(bench.Checkpoints, Is.SameAs(second));
    }

    private sealed class CountingCheckpoints : IWaitCheckpoints
    {
        public int Progresses { get; private set; }

        public (string? ScenarioId, int StepIndex) CurrentStep => ("scenario", 0);

        public TimeSpan AlreadyWaited(int ordinal, TimeSpan duration) => TimeSpan.Zero;

        public void Progress(int ordinal, TimeSpan duration, TimeSpan done) => Progresses++;

        public void Milestone()
        {
        }
    }
}
