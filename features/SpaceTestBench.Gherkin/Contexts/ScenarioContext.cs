using System.Collections.Specialized;
using Reqnroll.BoDi;
using DataTable = Reqnroll.DataTable;

namespace SpaceTestBench.Gherkin;

/// <summary>How a scenario is going (Reqnroll <c>ScenarioExecutionStatus</c>).</summary>
public enum ScenarioExecutionStatus
{
    /// <summary>All steps so far passed.</summary>
    OK,

    /// <summary>A step is pending.</summary>
    StepDefinitionPending,

    /// <summary>A step has no binding.</summary>
    UndefinedStep,

    /// <summary>A binding is ambiguous or does not fit the step.</summary>
    BindingError,

    /// <summary>A step or hook failed.</summary>
    TestError,

    /// <summary>The scenario was skipped.</summary>
    Skipped,
}

/// <summary>What the running scenario is (Reqnroll <c>ScenarioInfo</c>).</summary>
/// <param name="Title">The scenario name (interpolated for outlines).</param>
/// <param name="Description">The scenario's description text.</param>
/// <param name="Tags">The scenario's own tags (without '@').</param>
/// <param name="CombinedTags">Scenario, rule and feature tags (without '@').</param>
/// <param name="Arguments">For outline rows: column name → value.</param>
public sealed record ScenarioInfo(string Title, string? Description, string[] Tags, string[] CombinedTags, IReadOnlyDictionary<string, string> Arguments);

/// <summary>The Rule the running scenario belongs to (Reqnroll <c>RuleInfo</c>).</summary>
/// <param name="Title">The rule's name.</param>
/// <param name="Description">Its description text.</param>
/// <param name="Tags">Its tags (without '@').</param>
public sealed record RuleInfo(string Title, string? Description, string[] Tags);

/// <summary>The step now running (Reqnroll <c>StepInfo</c>).</summary>
/// <param name="StepDefinitionType">Given, When or Then.</param>
/// <param name="Text">The step text.</param>
/// <param name="Table">Its data table, if any.</param>
/// <param name="MultilineText">Its doc string, if any.</param>
public sealed record StepInfo(StepDefinitionType StepDefinitionType, string Text, DataTable? Table, string? MultilineText);

/// <summary>Step-level context (Reqnroll <c>ScenarioStepContext</c>).</summary>
public sealed class ScenarioStepContext(StepInfo stepInfo)
{
    /// <summary>The step.</summary>
    public StepInfo StepInfo { get; } = stepInfo;
}

/// <summary>
/// Per-scenario state shared by the bindings of one scenario (Reqnroll <c>ScenarioContext</c>): a string
/// dictionary, typed get/set, the scenario's info and status, and its container. It is also Reqnroll's
/// <see cref="Reqnroll.IScenarioContext"/> (registered as such in the scenario's container), which is what the step
/// catalog injects: the same binding then runs on this layer's engine and on Reqnroll's runtime, whose own
/// <c>ScenarioContext</c> only Reqnroll can create (issue 16).
/// </summary>
public sealed class ScenarioContext : Dictionary<string, object>, Reqnroll.IScenarioContext
{
    private Reqnroll.ScenarioInfo? _reqnrollInfo;

    internal ScenarioContext(ScenarioInfo scenarioInfo, RuleInfo? ruleInfo, IObjectContainer scenarioContainer)
    {
        ScenarioInfo = scenarioInfo;
        RuleInfo = ruleInfo;
        ScenarioContainer = scenarioContainer;
    }

    /// <summary>The scenario.</summary>
    public ScenarioInfo ScenarioInfo { get; }

    /// <summary>The enclosing Rule, if any.</summary>
    public RuleInfo? RuleInfo { get; }

    /// <summary>The enclosing Rule's name, if any.</summary>
    public string? RuleName => RuleInfo?.Title;

    /// <summary>The scenario's container; register objects here to make them injectable.</summary>
    public IObjectContainer ScenarioContainer { get; }

    /// <summary>The current step.</summary>
    public ScenarioStepContext StepContext { get; internal set; } = new(new StepInfo(StepDefinitionType.Given, "", null, null));

    /// <summary>How the scenario is going.</summary>
    public ScenarioExecutionStatus ScenarioExecutionStatus { get; internal set; }

    /// <summary>The error that failed the scenario, if any.</summary>
    public Exception? TestError { get; internal set; }

    /// <summary>Stores a value under its type's full name.</summary>
    public void Set<T>(T value) where T : notnull => this[typeof(T).FullName!] = value;

    /// <summary>Stores a value under a key.</summary>
    public void Set<T>(T value, string key) where T : notnull => this[key] = value;

    /// <summary>The value stored under its type's full name.</summary>
    public T Get<T>() => Get<T>(typeof(T).FullName!);

    /// <summary>The value stored under a key.</summary>
    public T Get<T>(string key) =>
        TryGetValue(key, out var value) ? (T)value : throw new KeyNotFoundException($"The scenario context holds nothing under '{key}'.");

    /// <summary>The value under a key, if present and of type <typeparamref name="T"/>.</summary>
    public bool TryGetValue<T>(string key, out T value)
    {
        if (base.TryGetValue(key, out var raw) && raw is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>The scenario as Reqnroll's <see cref="Reqnroll.ScenarioInfo"/>: its own tags, the inherited ones after them, the outline row as arguments.</summary>
    Reqnroll.ScenarioInfo Reqnroll.IScenarioContext.ScenarioInfo => _reqnrollInfo ??= ToReqnroll(ScenarioInfo);

    /// <summary>The Rule as Reqnroll's <see cref="Reqnroll.RuleInfo"/>, or null.</summary>
    Reqnroll.RuleInfo? Reqnroll.IScenarioContext.RuleInfo => RuleInfo is { } rule ? new Reqnroll.RuleInfo(rule.Title, rule.Description, rule.Tags) : null;

    /// <summary>The block of the current step.</summary>
    Reqnroll.ScenarioBlock Reqnroll.IScenarioContext.CurrentScenarioBlock => StepContext.StepInfo.StepDefinitionType switch
    {
        StepDefinitionType.When => Reqnroll.ScenarioBlock.When,
        StepDefinitionType.Then => Reqnroll.ScenarioBlock.Then,
        _ => Reqnroll.ScenarioBlock.Given,
    };

    /// <summary>How the scenario is going, as Reqnroll's status (the same names).</summary>
    Reqnroll.ScenarioExecutionStatus Reqnroll.IScenarioContext.ScenarioExecutionStatus => ScenarioExecutionStatus switch
    {
        ScenarioExecutionStatus.StepDefinitionPending => Reqnroll.ScenarioExecutionStatus.StepDefinitionPending,
        ScenarioExecutionStatus.UndefinedStep => Reqnroll.ScenarioExecutionStatus.UndefinedStep,
        ScenarioExecutionStatus.BindingError => Reqnroll.ScenarioExecutionStatus.BindingError,
        ScenarioExecutionStatus.TestError => Reqnroll.ScenarioExecutionStatus.TestError,
        ScenarioExecutionStatus.Skipped => Reqnroll.ScenarioExecutionStatus.Skipped,
        _ => Reqnroll.ScenarioExecutionStatus.OK,
    };

    private static Reqnroll.ScenarioInfo ToReqnroll(ScenarioInfo info)
    {
        var arguments = new OrderedDictionary();
        foreach (var (name, value) in info.Arguments)
        {
            arguments[name] = value;
        }

        return new Reqnroll.ScenarioInfo(info.Title, info.Description, info.Tags, arguments, [.. info.CombinedTags.Where(t => !info.Tags.Contains(t))]);
    }

    /// <summary>Marks the current step as pending (Reqnroll <c>Pending()</c>).</summary>
    public static void Pending() => throw new PendingStepException();

    /// <summary>Marks the current step as pending (Reqnroll <c>StepIsPending()</c>).</summary>
    public static void StepIsPending() => throw new PendingStepException();
}

/// <summary>What the running feature is (Reqnroll <c>FeatureInfo</c>).</summary>
/// <param name="Title">The feature name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Tags">Its tags (without '@').</param>
/// <param name="Language">Its Gherkin language.</param>
public sealed record FeatureInfo(string Title, string? Description, string[] Tags, string Language);

/// <summary>Per-feature state (Reqnroll <c>FeatureContext</c>).</summary>
public sealed class FeatureContext : Dictionary<string, object>
{
    internal FeatureContext(FeatureInfo featureInfo, IObjectContainer featureContainer)
    {
        FeatureInfo = featureInfo;
        FeatureContainer = featureContainer;
    }

    /// <summary>The feature.</summary>
    public FeatureInfo FeatureInfo { get; }

    /// <summary>The feature's container.</summary>
    public IObjectContainer FeatureContainer { get; }
}
