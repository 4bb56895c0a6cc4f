using System.Collections.Concurrent;
using System.Globalization;
using Reqnroll.Bindings;
using Reqnroll.ErrorHandling;
using Reqnroll.Infrastructure;

namespace SpaceTestBench.Gherkin.Runtime;

/// <summary>
/// Reqnroll's step matcher (<see cref="StepDefinitionMatchService"/>, unchanged) that remembers, per step, which definitions
/// matched: Reqnroll matches every step against every definition of its keyword class (expression, argument check,
/// [Scope]) and groups the candidates with LINQ, which was about an eighth of a no-op run's CPU, and a campaign repeats the
/// same step texts thousands of times.
/// </summary>
/// <remarks>
/// <para>
/// What Reqnroll's candidates depend on, and so the key: the keyword class (<see cref="StepInstance.StepDefinitionType"/>),
/// the text, the binding culture (the argument check converts in it), and — only when a definition of that keyword class
/// is scoped — what <see cref="BindingScope.Match"/> reads of the step's context: feature title, scenario title, tags and
/// the current culture (its title comparison). The definitions and transformations do not change once the registry is
/// ready. Steps with a doc string or a table are not remembered (the argument check sees their content), nor are steps
/// matched before the registry is ready.
/// </para>
/// <para>
/// A remembered step gets a new <see cref="BindingMatch"/> with the definition, scope matches and arguments Reqnroll
/// computed the first time, and its own step context, as Reqnroll's would. When no definition matched, Reqnroll's own
/// fallback (<c>OnNoMatch</c>: out-of-scope and argument-check candidates) runs as before.
/// </para>
/// </remarks>
public sealed class MemoisingStepDefinitionMatchService : StepDefinitionMatchService
{
    private readonly IBindingRegistry _registry;
    // One memory per binding registry: a run's test threads and its plan (matched in the runtime's binding-services
    // container) share the registry, so a step text the plan matched is not matched again when it runs.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBindingRegistry, ConcurrentDictionary<MatchKey, Candidate[]>> Memories = new();
    private readonly ConcurrentDictionary<MatchKey, Candidate[]> _candidates;
    private HashSet<Reqnroll.Bindings.StepDefinitionType>? _scopedTypes;

    /// <summary>Reqnroll's matcher over <paramref name="bindingRegistry"/>, with its answers remembered.</summary>
    public MemoisingStepDefinitionMatchService(
        IBindingRegistry bindingRegistry,
        IStepArgumentTypeConverter stepArgumentTypeConverter,
        IErrorProvider errorProvider,
        IMatchArgumentCalculator matchArgumentCalculator)
        : base(bindingRegistry, stepArgumentTypeConverter, errorProvider, matchArgumentCalculator)
    {
        _registry = bindingRegistry;
        _candidates = Memories.GetValue(bindingRegistry, _ => new ConcurrentDictionary<MatchKey, Candidate[]>());
    }

    /// <inheritdoc />
    protected override IEnumerable<BindingMatch> GetCandidatingBindingsForBestMatch(StepInstance stepInstance, CultureInfo bindingCulture)
    {
        ArgumentNullException.ThrowIfNull(stepInstance);
        if (stepInstance.MultilineTextArgument is not null || stepInstance.TableArgument is not null || !_registry.Ready)
        {
            return base.GetCandidatingBindingsForBestMatch(stepInstance, bindingCulture);
        }

        var key = new MatchKey(stepInstance.StepDefinitionType, stepInstance.Text, bindingCulture, ScopeOf(stepInstance));
        if (_candidates.TryGetValue(key, out var remembered))
        {
            var matches = new List<BindingMatch>(remembered.Length);
            foreach (var candidate in remembered)
            {
                matches.Add(new BindingMatch(candidate.Binding, candidate.ScopeMatches, (MatchArgument[])candidate.Arguments.Clone(), stepInstance.StepContext));
            }

            return matches;
        }

        var found = base.GetCandidatingBindingsForBestMatch(stepInstance, bindingCulture).ToList();
        _candidates.TryAdd(key, [.. found.Select(m => new Candidate(m.StepBinding, m.ScopeMatches, (MatchArgument[])m.Arguments.Clone()))]);
        return found;
    }

    /// <summary>What [Scope] matching reads of the step's context, if a definition of the step's keyword class is scoped.</summary>
    private ScopeKey? ScopeOf(StepInstance stepInstance)
    {
        _scopedTypes ??= _registry.GetStepDefinitions().Where(d => d.IsScoped).Select(d => d.StepDefinitionType).ToHashSet();
        if (!_scopedTypes.Contains(stepInstance.StepDefinitionType))
        {
            return null;
        }

        var context = stepInstance.StepContext;
        return context is null
            ? new ScopeKey(null, null, null, CultureInfo.CurrentCulture.Name)
            : new ScopeKey(context.FeatureTitle, context.ScenarioTitle, string.Join('\n', (context.Tags ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), CultureInfo.CurrentCulture.Name);
    }

    private readonly record struct MatchKey(Reqnroll.Bindings.StepDefinitionType Type, string Text, CultureInfo Culture, ScopeKey? Scope);

    /// <summary>Tags joined by a line feed, which a Gherkin tag cannot contain; null for a step without a context.</summary>
    private sealed record ScopeKey(string? FeatureTitle, string? ScenarioTitle, string? Tags, string Culture);

    private sealed record Candidate(IStepDefinitionBinding Binding, int ScopeMatches, MatchArgument[] Arguments);
}
