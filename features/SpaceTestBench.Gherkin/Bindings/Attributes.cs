namespace SpaceTestBench.Gherkin;

/// <summary>Marks a class whose methods are step definitions, hooks or transformations (Reqnroll <c>[Binding]</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class BindingAttribute : Attribute;

/// <summary>How a step definition's text is to be read.</summary>
public enum ExpressionType
{
    /// <summary>Decide from the text: regular expression if anchored or regex-looking, else Cucumber Expression.</summary>
    Unspecified,

    /// <summary>A Cucumber Expression.</summary>
    CucumberExpression,

    /// <summary>A .NET regular expression.</summary>
    RegularExpression,
}

/// <summary>The Gherkin keyword classes a step definition answers to.</summary>
public enum StepDefinitionType
{
    /// <summary>Given (context).</summary>
    Given,

    /// <summary>When (action).</summary>
    When,

    /// <summary>Then (outcome).</summary>
    Then,
}

/// <summary>Base of the step definition attributes (Reqnroll <c>StepDefinitionBaseAttribute</c>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public abstract class StepDefinitionBaseAttribute : Attribute
{
    /// <summary>A step definition of the given keyword classes.</summary>
    protected StepDefinitionBaseAttribute(string? expression, params StepDefinitionType[] types)
    {
        Expression = expression;
        Types = types;
    }

    /// <summary>The Cucumber Expression or regular expression.</summary>
    public string? Expression { get; set; }

    /// <summary>How to read <see cref="Expression"/>.</summary>
    public ExpressionType ExpressionType { get; set; }

    /// <summary>The keyword classes it matches.</summary>
    public IReadOnlyList<StepDefinitionType> Types { get; }
}

/// <summary>A Given step definition.</summary>
public sealed class GivenAttribute(string? expression = null) : StepDefinitionBaseAttribute(expression, StepDefinitionType.Given);

/// <summary>A When step definition.</summary>
public sealed class WhenAttribute(string? expression = null) : StepDefinitionBaseAttribute(expression, StepDefinitionType.When);

/// <summary>A Then step definition.</summary>
public sealed class ThenAttribute(string? expression = null) : StepDefinitionBaseAttribute(expression, StepDefinitionType.Then);

/// <summary>A step definition for any keyword.</summary>
public sealed class StepDefinitionAttribute(string? expression = null)
    : StepDefinitionBaseAttribute(expression, StepDefinitionType.Given, StepDefinitionType.When, StepDefinitionType.Then);

/// <summary>
/// Converts step text to a parameter type (Reqnroll <c>[StepArgumentTransformation]</c>). With a
/// <see cref="Name"/>, it is usable as <c>{name}</c> in Cucumber Expressions.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class StepArgumentTransformationAttribute(string? regex = null, int order = 10000) : Attribute
{
    /// <summary>The regular expression whose groups feed the method's parameters.</summary>
    public string? Regex { get; set; } = regex;

    /// <summary>Name of the Cucumber Expression parameter type this transformation defines.</summary>
    public string? Name { get; set; }

    /// <summary>Lower runs first.</summary>
    public int Order { get; set; } = order;
}

/// <summary>Base of hook attributes: optional tag filter, order and name (Reqnroll <c>HookAttribute</c>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public abstract class HookAttribute(params string[] tags) : Attribute
{
    /// <summary>
    /// The hook runs only for scenarios that have one of these tags. Beyond Reqnroll, each entry may be a
    /// Cucumber tag expression (<c>"@web and not @slow"</c>); entries are OR-combined.
    /// </summary>
    public IReadOnlyList<string> Tags { get; } = tags;

    /// <summary>Lower runs first; default 10000. Among equal orders, Before hooks run in declaration order, After hooks in reverse.</summary>
    public int Order { get; set; } = 10000;

    /// <summary>A name for reports (Cucumber's named hooks); not in Reqnroll.</summary>
    public string? Name { get; set; }
}

/// <summary>Runs once before any scenario (static method).</summary>
public sealed class BeforeTestRunAttribute() : HookAttribute();

/// <summary>Runs once after all scenarios (static method).</summary>
public sealed class AfterTestRunAttribute() : HookAttribute();

/// <summary>Runs before the first scenario of each feature (static method).</summary>
public sealed class BeforeFeatureAttribute(params string[] tags) : HookAttribute(tags);

/// <summary>Runs after the last scenario of each feature (static method).</summary>
public sealed class AfterFeatureAttribute(params string[] tags) : HookAttribute(tags);

/// <summary>Runs before each scenario.</summary>
public class BeforeScenarioAttribute(params string[] tags) : HookAttribute(tags);

/// <summary>Alias of <see cref="BeforeScenarioAttribute"/>.</summary>
public sealed class BeforeAttribute(params string[] tags) : BeforeScenarioAttribute(tags);

/// <summary>Runs after each scenario, whatever its outcome.</summary>
public class AfterScenarioAttribute(params string[] tags) : HookAttribute(tags);

/// <summary>Alias of <see cref="AfterScenarioAttribute"/>.</summary>
public sealed class AfterAttribute(params string[] tags) : AfterScenarioAttribute(tags);

/// <summary>Runs before each step.</summary>
public sealed class BeforeStepAttribute(params string[] tags) : HookAttribute(tags);

/// <summary>Runs after each step.</summary>
public sealed class AfterStepAttribute(params string[] tags) : HookAttribute(tags);

