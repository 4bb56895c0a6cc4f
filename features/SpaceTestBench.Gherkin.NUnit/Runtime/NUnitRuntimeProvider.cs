using global::NUnit.Framework;
using Reqnroll.UnitTestProvider;

namespace SpaceTestBench.Gherkin.NUnit.Runtime;

/// <summary>
/// Reqnroll's unit-test provider for NUnit, which Reqnroll's runtime needs before it starts
/// (Reqnroll.NUnit is not served here). Pending and inconclusive become NUnit's inconclusive, ignored
/// becomes NUnit's ignored, and NUnit's own <c>Assert.Ignore</c>/<c>Assert.Inconclusive</c> thrown by a
/// binding read back as a skipped scenario, as the driver's <see cref="ScenarioOutcome"/> does.
/// </summary>
public sealed class NUnitRuntimeProvider : IUnitTestRuntimeProvider
{
    /// <summary>The name the plugin registers the provider under and selects.</summary>
    public const string ProviderName = "spacebench-nunit";

    /// <inheritdoc />
    public void TestPending(string message) => Assert.Inconclusive(message);

    /// <inheritdoc />
    public void TestInconclusive(string message) => Assert.Inconclusive(message);

    /// <inheritdoc />
    public void TestIgnore(string message) => Assert.Ignore(message);

    /// <inheritdoc />
    public global::Reqnroll.ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) =>
        exception is IgnoreException or InconclusiveException ? global::Reqnroll.ScenarioExecutionStatus.Skipped : null;
}
