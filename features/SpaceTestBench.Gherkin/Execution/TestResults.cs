using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>Cucumber's step and test case statuses, ordered so that the most severe is the largest.</summary>
public enum TestStatus
{
    /// <summary>Not run yet.</summary>
    Unknown,

    /// <summary>Ran and passed.</summary>
    Passed,

    /// <summary>Not run because an earlier step did not pass (or skipped itself).</summary>
    Skipped,

    /// <summary>Marked as not implemented.</summary>
    Pending,

    /// <summary>No step definition matches.</summary>
    Undefined,

    /// <summary>More than one step definition matches.</summary>
    Ambiguous,

    /// <summary>Threw, or a hook threw.</summary>
    Failed,
}

/// <summary>One pickle about to run: the scenario with its feature, rule, line and tags.</summary>
/// <param name="Feature">The feature file.</param>
/// <param name="Pickle">The pickle.</param>
/// <param name="Rule">The Rule, if any.</param>
/// <param name="Line">The scenario's (or example row's) line.</param>
public sealed record TestCaseInfo(FeatureSource Feature, Pickle Pickle, string? Rule, int Line)
{
    /// <summary>The pickle's tags, with '@', including inherited ones.</summary>
    public IReadOnlyList<string> Tags => Pickle.Tags.Select(t => t.Name).ToList();

    /// <summary>"features/power/power-on.feature:23", for messages.</summary>
    public string Location => $"{Feature.Path}:{Line}";
}

/// <summary>A step's outcome.</summary>
/// <param name="Index">Position in the pickle (0-based).</param>
/// <param name="Step">The pickle step.</param>
/// <param name="Keyword">Its keyword as written ("And ").</param>
/// <param name="Line">Its line in the feature file.</param>
/// <param name="Status">What happened.</param>
/// <param name="Duration">How long it took (wall clock).</param>
/// <param name="Error">The exception, for failed, pending and skipped steps that threw.</param>
/// <param name="Message">A human explanation (failure message, ambiguity, snippet).</param>
/// <param name="Bindings">
/// Reqnroll's step definitions that match (two or more when ambiguous; the one whose arguments failed Reqnroll's parameter
/// check in a dry run), as its binding registry holds them: the method is <c>Method</c> (<c>ReqnrollGlue.MethodOf</c> for
/// the reflected one), the expression <c>SourceExpression</c>.
/// </param>
public sealed record StepResult(
    int Index,
    PickleStep Step,
    string Keyword,
    int Line,
    TestStatus Status,
    TimeSpan Duration,
    System.Exception? Error,
    string? Message,
    IReadOnlyList<Reqnroll.Bindings.IStepDefinitionBinding> Bindings)
{
    /// <summary>
    /// In a dry run, the method arguments the step's text converted to (what the binding would have been called
    /// with); empty otherwise. A planner reads them to estimate a step without running it.
    /// </summary>
    public IReadOnlyList<object?> Arguments { get; init; } = [];
}

/// <summary>A Before or After scenario hook's outcome.</summary>
/// <param name="Hook">The hook, as Reqnroll's binding registry holds it (its method: <c>Hook.Method.Type</c>, <c>Hook.Method.Name</c>).</param>
/// <param name="Status">Passed, Failed, Skipped or Pending.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Error">What it threw.</param>
/// <param name="Message">Why it did not pass.</param>
public sealed record HookResult(Reqnroll.Bindings.IHookBinding Hook, TestStatus Status, TimeSpan Duration, System.Exception? Error, string? Message);

/// <summary>A test case's outcome (one attempt).</summary>
/// <param name="TestCase">What ran.</param>
/// <param name="Status">The most severe step or hook status.</param>
/// <param name="Steps">Every step's result.</param>
/// <param name="Message">Why it did not pass, if it did not.</param>
/// <param name="Duration">Wall-clock duration.</param>
public sealed record TestCaseResult(TestCaseInfo TestCase, TestStatus Status, IReadOnlyList<StepResult> Steps, string? Message, TimeSpan Duration)
{
    /// <summary>The Before and After scenario hooks' results, in the order they ran.</summary>
    public IReadOnlyList<HookResult> Hooks { get; init; } = [];

    /// <summary>0 for the first run, n for the n-th retry.</summary>
    public int Attempt { get; init; }

    /// <summary>True when this attempt failed and will be run again.</summary>
    public bool WillBeRetried { get; init; }

    /// <summary>What steps and hooks attached, in order.</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];
}
