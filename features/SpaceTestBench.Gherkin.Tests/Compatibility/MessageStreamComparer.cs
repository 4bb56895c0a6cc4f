using System.Text.Json.Nodes;

namespace SpaceTestBench.Gherkin.Tests.Compatibility;

/// <summary>
/// Compares an actual Cucumber Messages stream with the Compatibility Kit's expected one, strictly:
/// <list type="number">
/// <item>Same number of envelopes, the same message type at every position (the order is the protocol's).</item>
/// <item>Every object has exactly the expected keys, and every value is equal, except:</item>
/// <item>Ids (<c>id</c>, <c>*Id</c>, each element of <c>*Ids</c>) are remapped, not ignored: expected and
///   actual ids must correspond one to one across the whole stream.</item>
/// <item><c>timestamp</c> and <c>duration</c>: present on both sides with numeric <c>seconds</c> and <c>nanos</c>.</item>
/// <item><c>exception</c> (type, message, stack trace) and the <c>message</c> of a result or a failed run:
///   present and non-empty exactly where expected (the texts are the language's own).</item>
/// <item><c>sourceReference</c>: present where expected (the kit points into TypeScript files; we name C# methods).</item>
/// <item><c>meta</c>: protocol version, implementation, runtime, os and cpu present (it describes the runner).</item>
/// <item><c>suggestion.snippets</c>: as many snippets as expected, each with non-empty language and code
///   (ours are C#, the kit's TypeScript).</item>
/// </list>
/// </summary>
internal sealed class MessageStreamComparer
{
    private readonly Dictionary<string, string> _expectedToActual = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _actualToExpected = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    public static IReadOnlyList<string> Compare(IReadOnlyList<JsonObject> expected, IReadOnlyList<JsonObject> actual)
    {
        var comparer = new MessageStreamComparer();
        var count = Math.Min(expected.Count, actual.Count);
        for (var i = 0; i < count && comparer._problems.Count < 20; i++)
        {
            var expectedType = TypeOf(expected[i]);
            var actualType = TypeOf(actual[i]);
            if (expectedType != actualType)
            {
                comparer._problems.Add($"envelope {i + 1}: expected a {expectedType} message, got {actualType}: {actual[i].ToJsonString()}");
                break;
            }

            comparer.CompareNode(expectedType, expected[i][expectedType], actual[i][actualType], $"#{i + 1} {expectedType}");
        }

        if (expected.Count != actual.Count && comparer._problems.Count == 0)
        {
            comparer._problems.Add($"expected {expected.Count} envelopes, got {actual.Count}; first extra or missing: " +
                                   (actual.Count > expected.Count ? actual[count].ToJsonString() : expected[count].ToJsonString()));
        }

        return comparer._problems;
    }

    /// <summary>
    /// The same rules, except for the order between message types: for each message type the actual stream must hold
    /// the expected messages of that type in the same order, but how the types interleave is not compared (Reqnroll
    /// publishes <c>testRunStarted</c> before <c>meta</c>, and a feature's <c>source</c>, <c>gherkinDocument</c>,
    /// <c>pickle</c>s and <c>testCase</c>s when the feature starts). Types are compared in the order they first appear in
    /// the expected stream, so ids are mapped where they are defined before where they are used.
    /// </summary>
    public static IReadOnlyList<string> CompareByType(IReadOnlyList<JsonObject> expected, IReadOnlyList<JsonObject> actual)
    {
        var comparer = new MessageStreamComparer();
        var expectedByType = expected.GroupBy(TypeOf).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var actualByType = actual.GroupBy(TypeOf).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var types = expected.Select(TypeOf).Concat(actual.Select(TypeOf)).Distinct(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var e = expectedByType.GetValueOrDefault(type) ?? [];
            var a = actualByType.GetValueOrDefault(type) ?? [];
            if (e.Count != a.Count)
            {
                comparer._problems.Add($"{type}: expected {e.Count}, got {a.Count}" +
                                       (a.Count > e.Count ? $"; first extra: {a[e.Count].ToJsonString()}" : $"; first missing: {e[a.Count].ToJsonString()}"));
            }

            for (var i = 0; i < Math.Min(e.Count, a.Count) && comparer._problems.Count < 20; i++)
            {
                comparer.CompareNode(type, e[i][type], a[i][type], $"{type} #{i + 1}");
            }
        }

        return comparer._problems;
    }

    private static string TypeOf(JsonObject envelope) => envelope.Count == 1 ? envelope.First().Key : $"<{envelope.Count} keys>";

    private void CompareNode(string key, JsonNode? expected, JsonNode? actual, string path)
    {
        switch (key)
        {
            case "meta":
                foreach (var field in new[] { "protocolVersion", "implementation", "runtime", "os", "cpu" })
                {
                    Require(actual?[field] is not null, $"{path}.{field} is missing");
                }

                return;
            case "timestamp" or "duration":
                Require(IsTime(expected) && IsTime(actual), $"{path}: expected seconds and nanos, got {actual?.ToJsonString()}");
                return;
            case "sourceReference":
                Require((expected is null) == (actual is null), $"{path}: presence differs");
                return;
            case "exception":
                Require(actual is JsonObject, $"{path}: expected an exception, got {actual?.ToJsonString()}");
                foreach (var field in new[] { "type", "message", "stackTrace" })
                {
                    Require(IsFilled(expected?[field]) == IsFilled(actual?[field]), $"{path}.{field}: expected {(IsFilled(expected?[field]) ? "some text" : "none")}, got {actual?[field]?.ToJsonString() ?? "none"}");
                }

                return;
            case "snippets":
                Require(expected is JsonArray e && actual is JsonArray a && e.Count == a.Count &&
                        a.All(s => IsFilled(s?["language"]) && IsFilled(s?["code"])),
                    $"{path}: expected {(expected as JsonArray)?.Count} snippets with language and code, got {actual?.ToJsonString()}");
                return;
        }

        if (IsIdKey(key))
        {
            CompareId(expected, actual, path);
            return;
        }

        if (key.EndsWith("Ids", StringComparison.Ordinal) && expected is JsonArray expectedIds)
        {
            if (actual is not JsonArray actualIds || actualIds.Count != expectedIds.Count)
            {
                _problems.Add($"{path}: expected {expectedIds.ToJsonString()}, got {actual?.ToJsonString()}");
                return;
            }

            for (var i = 0; i < expectedIds.Count; i++)
            {
                CompareId(expectedIds[i], actualIds[i], $"{path}[{i}]");
            }

            return;
        }

        if (key == "message" && (path.Contains("testStepResult", StringComparison.Ordinal) || path.Contains("testRunFinished", StringComparison.Ordinal) || path.EndsWith("result.message", StringComparison.Ordinal)))
        {
            Require(IsFilled(expected) == IsFilled(actual), $"{path}: expected {(IsFilled(expected) ? "a message" : "none")}, got {actual?.ToJsonString() ?? "none"}");
            return;
        }

        switch (expected)
        {
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    _problems.Add($"{path}: expected an object, got {actual?.ToJsonString() ?? "nothing"}");
                    return;
                }

                var keys = expectedObject.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                var actualKeys = actualObject.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                foreach (var missing in keys.Except(actualKeys))
                {
                    _problems.Add($"{path}: missing '{missing}' (expected {expectedObject[missing]?.ToJsonString()})");
                }

                foreach (var extra in actualKeys.Except(keys))
                {
                    _problems.Add($"{path}: unexpected '{extra}' = {actualObject[extra]?.ToJsonString()}");
                }

                foreach (var (childKey, child) in expectedObject)
                {
                    if (actualKeys.Contains(childKey))
                    {
                        CompareNode(childKey, child, actualObject[childKey], $"{path}.{childKey}");
                    }
                }

                return;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || actualArray.Count != expectedArray.Count)
                {
                    _problems.Add($"{path}: expected {expectedArray.ToJsonString()}, got {actual?.ToJsonString() ?? "nothing"}");
                    return;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    CompareNode(key, expectedArray[i], actualArray[i], $"{path}[{i}]");
                }

                return;
            default:
                Require(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString() ?? "nothing"}");
                return;
        }
    }

    private void CompareId(JsonNode? expected, JsonNode? actual, string path)
    {
        var e = expected?.GetValue<string>();
        var a = actual?.GetValue<string>();
        if (e is null || a is null)
        {
            Require(e is null && a is null, $"{path}: expected id {e ?? "none"}, got {a ?? "none"}");
            return;
        }

        if (_expectedToActual.TryGetValue(e, out var mapped))
        {
            Require(mapped == a, $"{path}: expected id {e} (ours {mapped}), got {a}");
        }
        else if (_actualToExpected.TryGetValue(a, out var back))
        {
            _problems.Add($"{path}: id {a} already stands for expected {back}, not {e}");
        }
        else
        {
            _expectedToActual[e] = a;
            _actualToExpected[a] = e;
        }
    }

    private static bool IsIdKey(string key) => key == "id" || key.EndsWith("Id", StringComparison.Ordinal);

    private static bool IsTime(JsonNode? node) =>
        node is JsonObject o && o["seconds"] is JsonValue s && o["nanos"] is JsonValue n && s.TryGetValue<long>(out _) && n.TryGetValue<long>(out _);

    private static bool IsFilled(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0;

    private void Require(bool condition, string problem)
    {
        if (!condition)
        {
            _problems.Add(problem);
        }
    }
}
