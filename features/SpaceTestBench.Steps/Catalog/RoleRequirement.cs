using System.Reflection;
using SpaceTestBench.Bench;

namespace SpaceTestBench.Steps.Catalog;

/// <summary>A bench role a step needs: its name, a capability beyond the role's own, and whether the step works without it.</summary>
/// <param name="Role">The role name (<see cref="BenchRoles"/>).</param>
/// <param name="Capability">The capability the role's instrument needs beyond the role's own; null: the role's.</param>
/// <param name="Optional">True if the step uses the role when the bench has it and works without it.</param>
public sealed record RoleRequirement(string Role, Type? Capability, bool Optional)
{
    /// <summary>
    /// What a step bound to <paramref name="method"/> needs: its class's [RequiresRole]s and its own, one per
    /// role. Where both name a role, it is optional only if both say so, and the more specific capability holds.
    /// </summary>
    public static IReadOnlyList<RoleRequirement> Of(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var declared = (method.DeclaringType?.GetCustomAttributes<RequiresRoleAttribute>() ?? [])
            .Concat(method.GetCustomAttributes<RequiresRoleAttribute>());
        return declared
            .GroupBy(a => a.Role, StringComparer.OrdinalIgnoreCase)
            .Select(g => new RoleRequirement(
                g.First().Role,
                g.Select(a => a.Capability).OfType<Type>().Aggregate((Type?)null, (most, next) => most is null || most.IsAssignableFrom(next) ? next : most),
                g.All(a => a.Optional)))
            .ToList();
    }

    /// <summary>"thermal chamber (a thermal-vacuum chamber)", "latch-up monitor (optional)", for people.</summary>
    public override string ToString() =>
        Role + (Capability is { } capability ? $" ({BenchRoles.Describe(capability)})" : "") + (Optional ? " (optional)" : "");
}
