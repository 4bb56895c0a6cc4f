using Gherkin.CucumberMessages;
using SpaceTestBench.Gherkin.Messages;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>The order test cases run in.</summary>
public enum RunOrder
{
    /// <summary>Feature files in the order given, scenarios in file order.</summary>
    Defined,

    /// <summary>The defined order reversed (Cucumber's <c>--order reverse</c>).</summary>
    Reverse,
}

/// <summary>Options of a run.</summary>
public sealed record TestRunnerOptions
{
    /// <summary>
    /// Match every step and convert its arguments but execute nothing: matched steps and hooks report Skipped, undefined and
    /// ambiguous steps still show, unconvertible arguments fail the step. Over a registry read from assemblies it is done with
    /// Reqnroll's matcher and converter (<c>ReqnrollDryRun</c>), no hook run.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>Clock for timestamps and durations (the wall clock: durations are how long the software took).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How many times a FAILED test case is run again (Cucumber's <c>--retry N</c>); other statuses are not retried.</summary>
    public int Retry { get; init; }

    /// <summary>The order of test cases planned by <see cref="TestRunner.StartAsync(IReadOnlyList{Parsing.FeatureSource}, Func{Io.Cucumber.Messages.Types.Pickle, bool}?, CancellationToken)"/>.</summary>
    public RunOrder Order { get; init; }

    /// <summary>Where the run's Cucumber Messages go, or null for none.</summary>
    public IMessageSink? Messages { get; init; }

    /// <summary>
    /// A Reqnroll runtime to use instead of one of the runner's own, over the same binding assemblies, so one process builds
    /// Reqnroll's binding registry once (<c>spacebench run</c>: validate, plan, run). A dry run borrows it and leaves
    /// it open; a runner that executes the scenarios ends and disposes it with itself, as it would its own (disposing it
    /// again is harmless).
    /// </summary>
    public Runtime.ReqnrollRuntime? Reqnroll { get; init; }

    /// <summary>Ids for messages; give the generator the feature files were loaded with, so ids never collide.</summary>
    public IIdGenerator Ids { get; init; } = new GuidIdGenerator();

}
