namespace SpaceTestBench.Steps.Catalog;

/// <summary>
/// A bench role the steps of a binding class (or one step) drive. The catalog lists it with the step and
/// <c>spacebench validate</c> reports a step whose bench lacks it. On a class it applies to every step of
/// the class; on a method it adds to the class's.
/// </summary>
/// <param name="role">The role name (see <see cref="Bench.BenchRoles"/>).</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequiresRoleAttribute(string role) : Attribute
{
    /// <summary>The role name.</summary>
    public string Role { get; } = role;

    /// <summary>The capability the role's instrument needs beyond the role's own (a thermal-vacuum chamber for vacuum steps); null: the role's.</summary>
    public Type? Capability { get; init; }

    /// <summary>True if the step uses the role when the bench has it and works without it.</summary>
    public bool Optional { get; init; }
}
