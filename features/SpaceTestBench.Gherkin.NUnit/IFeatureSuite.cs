using System.Reflection;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;

namespace SpaceTestBench.Gherkin.NUnit;

/// <summary>What NUnit should run: the feature files, the binding assemblies, and how to set the run up.</summary>
public interface IFeatureSuite
{
    /// <summary>Feature files and folders (absolute, or relative to the test assembly's folder).</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>The folder feature URIs are relative to (the <c>uri</c> of Cucumber messages).</summary>
    string FeaturesRoot { get; }

    /// <summary>Assemblies holding the [Binding] classes.</summary>
    IReadOnlyList<Assembly> BindingAssemblies { get; }

    /// <summary>Only these binding classes, instead of every [Binding] in <see cref="BindingAssemblies"/>; null for all.</summary>
    IReadOnlyList<Type>? BindingTypes => null;

    /// <summary>Runner options (messages file, retry, dry run…); ids and messages sink are set by the adapter.</summary>
    TestRunnerOptions Options => new();

    /// <summary>Where to write the run's Cucumber Messages (ndjson), or null for nowhere.</summary>
    string? MessagesFile => null;

    /// <summary>
    /// What an undefined or pending scenario becomes in NUnit (Reqnroll's default: inconclusive). A binding library
    /// that reports a result it could not decide as pending (the step catalog's judged Inconclusive) wants
    /// <see cref="MissingStepOutcome.Error"/> for <c>dotnet test</c> to fail when its own runner does: NUnit reports
    /// Inconclusive as not run, and a run of not-run tests passes.
    /// </summary>
    MissingStepOutcome MissingStepOutcome => MissingStepOutcome.Inconclusive;

    /// <summary>
    /// Makes the runner. The default binds <see cref="BindingTypes"/> or <see cref="BindingAssemblies"/>
    /// with no listener; a suite that records results or drives hardware builds its own.
    /// </summary>
    /// <param name="options">The options to run with (ids and messages already set by the adapter).</param>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    Task<TestRunner> CreateRunnerAsync(TestRunnerOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(new TestRunner(
            BindingTypes is { } types ? BindingSource.FromTypes(types) : BindingSource.FromAssemblies([.. BindingAssemblies]),
            null,
            options));

    /// <summary>Registers run-wide objects (what every scenario may inject) before the run starts.</summary>
    Task ConfigureAsync(TestRunner runner, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Releases what <see cref="ConfigureAsync"/> set up, after the run finished.</summary>
    Task CleanUpAsync(TestRunner runner, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What an undefined or pending scenario becomes in NUnit (Reqnroll's <c>missingOrPendingStepsOutcome</c>).</summary>
public enum MissingStepOutcome
{
    /// <summary><c>Assert.Inconclusive</c>.</summary>
    Inconclusive,

    /// <summary><c>Assert.Ignore</c>.</summary>
    Ignore,

    /// <summary><c>Assert.Fail</c>.</summary>
    Error,
}
