using System.Reflection;
using System.Text.Json;

namespace SpaceTestBench.Bench.Resilience;

/// <summary>One setting the bench commanded: the role, the operation and its arguments (JSON, cancellation token left out).</summary>
/// <param name="Role">The role it was commanded through.</param>
/// <param name="Operation">The role operation's name (<c>SetVoltageAsync</c>).</param>
/// <param name="Arguments">Its arguments as JSON values, in order.</param>
public sealed record JournalEntry(string Role, string Operation, IReadOnlyList<JsonElement> Arguments);

/// <summary>
/// The last value of every setting commanded through a role (<c>Set…</c> and <c>Select…</c> operations), in
/// the order they were last set. It is what the bench knows an instrument should be doing: after a
/// reconnect it checks the instrument still does it (a rebooted supply has its outputs off), and a resumed
/// run restores it after the safe state. Radiation on/off is journalled but never restored by itself. A
/// <c>Select…</c> operation forgets the role's earlier settings, so a replay is always in an order the
/// instrument accepts: the selection first, then what was set under it.
/// </summary>
public sealed class SettingsJournal
{
    /// <summary>Operations that switch radiation on: a resumed run never replays them; a step must.</summary>
    public static IReadOnlySet<string> NotRestored { get; } = new HashSet<string>(StringComparer.Ordinal) { "SetShutterOpenAsync", "SetSourceUpAsync" };

    private readonly Lock _gate = new();
    private readonly List<(string Key, JournalEntry Entry)> _entries = [];

    /// <summary>The settings in the order they were last commanded.</summary>
    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Select(e => e.Entry)];
            }
        }
    }

    /// <summary>True for operations the journal keeps.</summary>
    public static bool IsSetting(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Name.StartsWith("Set", StringComparison.Ordinal) || method.Name.StartsWith("Select", StringComparison.Ordinal);
    }

    /// <summary>Records that <paramref name="method"/> was commanded through <paramref name="role"/> with <paramref name="arguments"/>.</summary>
    public void Record(string role, MethodInfo method, object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arguments);
        var parameters = method.GetParameters();
        var values = new List<JsonElement>();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].ParameterType != typeof(CancellationToken))
            {
                values.Add(JsonSerializer.SerializeToElement(i < arguments.Length ? arguments[i] : null, parameters[i].ParameterType));
            }
        }

        // A channel (a leading int) is part of what is being set: CH1's voltage is not CH2's.
        var channel = parameters.Length > 1 && parameters[0].ParameterType == typeof(int) ? $"#{arguments[0]}" : "";
        var key = $"{role}|{method.Name}{channel}";
        lock (_gate)
        {
            _entries.RemoveAll(e => e.Key == key);
            if (method.Name.StartsWith("Select", StringComparison.Ordinal))
            {
                // A selection (the beam's species) starts over what the role is set to: settings made under the
                // previous one are not replayed after it (a cocktail ion's energy is fixed: 'BEAM:ENER 200' for the
                // protons before it is refused with -221), and a step sets what the new selection needs after it.
                _entries.RemoveAll(e => e.Entry.Role == role);
            }

            _entries.Add((key, new JournalEntry(role, method.Name, values)));
        }
    }

    /// <summary>Replaces the journal with <paramref name="entries"/> (a resumed run's checkpoint).</summary>
    public void Load(IEnumerable<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            _entries.Clear();
            foreach (var entry in entries)
            {
                var channel = entry.Arguments.Count > 1 && entry.Arguments[0].ValueKind == JsonValueKind.Number ? $"#{entry.Arguments[0].GetRawText()}" : "";
                _entries.Add(($"{entry.Role}|{entry.Operation}{channel}", entry));
            }
        }
    }

    /// <summary>The journal as JSON (for a checkpoint in the results store).</summary>
    public string ToJson() => JsonSerializer.Serialize(Entries);

    /// <summary>A journal from <see cref="ToJson"/>.</summary>
    public static IReadOnlyList<JournalEntry> FromJson(string json) =>
        JsonSerializer.Deserialize<List<JournalEntry>>(json) ?? [];

    /// <summary>The arguments of <paramref name="entry"/> converted to <paramref name="method"/>'s parameters (cancellation token last).</summary>
    public static object?[] Arguments(JournalEntry entry, MethodInfo method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(method);
        var parameters = method.GetParameters();
        var result = new object?[parameters.Length];
        var next = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            result[i] = parameters[i].ParameterType == typeof(CancellationToken)
                ? cancellationToken
                : entry.Arguments[next++].Deserialize(parameters[i].ParameterType);
        }

        return result;
    }
}
