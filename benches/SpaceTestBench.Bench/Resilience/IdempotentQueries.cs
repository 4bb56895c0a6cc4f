using System.Reflection;

namespace SpaceTestBench.Bench.Resilience;

/// <summary>
/// Which role operations are idempotent queries, and so may be retried: those that only read
/// (<c>Measure…</c>, <c>Get…</c>, <c>Is…</c>, <c>Read…</c>, <c>Identify…</c>) and return a value. Anything
/// else changes the instrument (a setting, an output, a shutter, a reset, a functional test) and is never
/// sent twice behind the caller's back. A rule on names rather than an attribute per method keeps the role
/// interfaces untouched and covers operations added later; a new role operation that reads must be named so.
/// </summary>
public static class IdempotentQueries
{
    private static readonly string[] Prefixes = ["Measure", "Get", "Is", "Read", "Identify"];

    /// <summary>True if <paramref name="method"/> only reads and may be retried.</summary>
    public static bool IsQuery(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.ReturnType.IsGenericType
            && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            && Prefixes.Any(p => method.Name.StartsWith(p, StringComparison.Ordinal) && method.Name.Length > p.Length && char.IsUpper(method.Name[p.Length]));
    }
}
