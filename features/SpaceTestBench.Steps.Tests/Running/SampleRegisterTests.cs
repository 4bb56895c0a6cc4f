using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Tests.Running;

/// <summary>
/// A destructive procedure needs a sample the run has not used; a non-destructive one may keep the sample on the
/// bench unless a destructive procedure used it.
/// </summary>
public sealed class SampleRegisterTests
{
    [Test]
    public void Non_destructive_scenarios_share_a_sample_until_a_destructive_one_uses_it()
    {
        var register = new SampleRegister();

        Assert.Multiple(() =>
        {
            Assert.That(register.Reuse("SN-1", "power-on at 95 %"), Is.Null, "a sample no scenario used serves");
            Assert.That(register.Reuse("SN-1", "power-on at 105 %"), Is.Null, "and serves the next non-destructive scenario too");
            Assert.That(register.Claim("SN-1", "TID condition A"), Is.EqualTo("power-on at 95 %"), "a destructive procedure needs a sample nothing used");
            Assert.That(register.Claim("SN-2", "TID condition A"), Is.Null);
            Assert.That(register.Reuse("SN-2", "brown-out"), Is.EqualTo("TID condition A"), "an irradiated sample serves no later scenario");
            Assert.That(register.Claim("SN-2", "SEL"), Is.EqualTo("TID condition A"));
        });
    }
}
