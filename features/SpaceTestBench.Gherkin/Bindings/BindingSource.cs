using System.Reflection;
using Reqnroll;

namespace SpaceTestBench.Gherkin.Bindings;

/// <summary>
/// Where Reqnroll's runtime discovers a run's bindings: whole binding assemblies (<see cref="FromAssemblies"/>, the CLI,
/// a vendor's suite) or chosen <c>[Binding]</c> classes of them (<see cref="FromTypes"/>, tests whose assembly holds
/// overlapping glue). Discovery, the step definitions, hooks and transformations are Reqnroll's
/// (<see cref="Runtime.ReqnrollRuntime"/>); this only says where to look.
/// </summary>
public sealed class BindingSource
{
    private BindingSource(IReadOnlyList<Assembly> assemblies, IReadOnlyList<Type> bindingTypes)
    {
        Assemblies = assemblies;
        BindingTypes = bindingTypes;
    }

    /// <summary>The binding assemblies Reqnroll scans whole; empty for a source of chosen types.</summary>
    public IReadOnlyList<Assembly> Assemblies { get; }

    /// <summary>The chosen [Binding] classes, by full name; empty for a source of whole assemblies.</summary>
    public IReadOnlyList<Type> BindingTypes { get; }

    /// <summary>Every [Binding] class of <paramref name="assemblies"/>.</summary>
    public static BindingSource FromAssemblies(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        if (assemblies.Length == 0)
        {
            throw new ArgumentException("Name at least one binding assembly.", nameof(assemblies));
        }

        return new BindingSource([.. assemblies.Distinct()], []);
    }

    /// <summary>Only the [Binding] classes among <paramref name="types"/> (none: a run where every step is undefined).</summary>
    public static BindingSource FromTypes(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return new BindingSource([], [.. types.Where(t => t.GetCustomAttribute<BindingAttribute>() is not null).Distinct().OrderBy(t => t.FullName, StringComparer.Ordinal)]);
    }

    /// <summary>The assemblies Reqnroll's runtime is given: the whole ones, else those of the chosen classes.</summary>
    public IReadOnlyList<Assembly> DiscoveryAssemblies => Assemblies.Count > 0 ? Assemblies : [.. BindingTypes.Select(t => t.Assembly).Distinct()];
}
