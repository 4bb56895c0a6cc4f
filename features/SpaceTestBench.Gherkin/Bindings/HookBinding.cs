using System.Reflection;
using SpaceTestBench.Gherkin.Tags;

namespace SpaceTestBench.Gherkin.Bindings;

/// <summary>The kinds of hook.</summary>
public enum HookKind
{
    /// <summary>Once before the run.</summary>
    BeforeTestRun,

    /// <summary>Once after the run.</summary>
    AfterTestRun,

    /// <summary>Before each feature.</summary>
    BeforeFeature,

    /// <summary>After each feature.</summary>
    AfterFeature,

    /// <summary>Before each scenario.</summary>
    BeforeScenario,

    /// <summary>After each scenario.</summary>
    AfterScenario,

    /// <summary>Before each step.</summary>
    BeforeStep,

    /// <summary>After each step.</summary>
    AfterStep,
}

/// <summary>A hook method with its tag filter, order and name.</summary>
public sealed class HookBinding
{
    private readonly List<TagExpression> _filters;

    internal HookBinding(string id, HookKind kind, MethodInfo method, IReadOnlyList<string> tags, int order, string? name, int declarationIndex)
    {
        Id = id;
        Kind = kind;
        Method = method;
        Tags = tags;
        Order = order;
        Name = name;
        DeclarationIndex = declarationIndex;
        var normalised = tags.Select(Normalise).ToList();
        try
        {
            _filters = normalised.Select(SpaceTestBench.Gherkin.Tags.TagExpression.Parse).ToList();
        }
        catch (TagExpressionException e)
        {
            throw new BindingException($"{MethodName}: {e.Message}", e);
        }

        TagExpression = normalised.Count switch
        {
            0 => null,
            1 => normalised[0],
            _ => string.Join(" or ", normalised.Select(t => $"({t})")),
        };
    }

    /// <summary>Stable id within the registry.</summary>
    public string Id { get; }

    /// <summary>When it runs.</summary>
    public HookKind Kind { get; }

    /// <summary>The method.</summary>
    public MethodInfo Method { get; }

    /// <summary>The tags (or tag expressions) that select it, any of them; empty for all.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The filter as one Cucumber tag expression (the <c>hook.tagExpression</c> message field), or null.</summary>
    public string? TagExpression { get; }

    /// <summary>Lower runs first.</summary>
    public int Order { get; }

    /// <summary>Its name for reports, if given.</summary>
    public string? Name { get; }

    /// <summary>Position among all declarations of the registry.</summary>
    public int DeclarationIndex { get; }

    /// <summary>"Namespace.Class.Method", for messages.</summary>
    public string MethodName => $"{Method.DeclaringType?.FullName}.{Method.Name}";

    /// <summary>True if the hook applies to a scenario or feature with <paramref name="tags"/> (with '@').</summary>
    public bool AppliesTo(IReadOnlyCollection<string> tags) => _filters.Count == 0 || _filters.Any(f => f.Evaluate(tags));

    // Reqnroll lets hook tags omit the '@'; a bare word is taken as that tag.
    private static string Normalise(string tag) =>
        tag.Length > 0 && !tag.StartsWith('@') && !tag.Any(c => char.IsWhiteSpace(c) || c is '(' or ')') ? "@" + tag : tag;
}
