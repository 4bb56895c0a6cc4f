using System.Reflection;
using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Bench.Resilience;

/// <summary>
/// Which role operations are idempotent queries, and so may be retried: those the role interface marks
/// <see cref="IdempotentQueryAttribute"/> and that return a value. Anything else changes the instrument (a
/// setting, an output, a shutter, a reset) and is never sent twice behind the caller's back. Marking is
/// explicit rather than inferred from a name, because retrying an operation wrongly believed to be a read
/// (one that clears a counter as it reads, say) would lose data silently.
/// </summary>
public static class IdempotentQueries
{
    /// <summary>True if <paramref name="method"/> only reads and may be retried.</summary>
    public static bool IsQuery(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.ReturnType.IsGenericType
            && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            && method.IsDefined(typeof(IdempotentQueryAttribute), inherit: true);
    }
}
