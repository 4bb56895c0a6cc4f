using System.Globalization;
using System.Text.Json;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Bench.Definitions;

/// <summary>Reads fields of a JSON configuration file, reporting every problem with the file and JSON path.</summary>
internal sealed class JsonFields(string file)
{
    public string File { get; } = file;

    public static JsonDocument Load(string file)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BenchConfigurationException(file, null, "the file does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchConfigurationException(file, null, $"the file cannot be read: {e.Message}", e);
        }

        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,

                // Two "dut-supply" instruments (or two "nominalVoltage"s) is a copy-paste slip; last-wins would silently drop one.
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException e) when (DuplicateProperty(text) is { } duplicate)
        {
            throw new BenchConfigurationException(
                file, duplicate.Path, $"line {duplicate.Line}: '{duplicate.Name}' appears twice in one object; the last would silently replace the first. Give each instrument, role and field once.", e);
        }
        catch (JsonException e)
        {
            throw new BenchConfigurationException(
                file, null, $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: not valid JSON ({FirstSentence(e.Message)}).", e);
        }
    }

    /// <summary>The first property name repeated within one object: its JSON path, name and 1-based line; null if none.</summary>
    private static (string Path, string Name, int Line)? DuplicateProperty(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var scopes = new Stack<(string Path, HashSet<string>? Names)>();
        var path = "$";
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = reader.GetString()!;
                        var names = scopes.Peek().Names!;
                        if (!names.Add(pending))
                        {
                            var line = 1 + bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n');
                            return (Child(scopes.Peek().Path, pending), pending, line);
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var inner = scopes.Count == 0 ? path : pending is null ? scopes.Peek().Path + "[]" : Child(scopes.Peek().Path, pending);
                        scopes.Push((inner, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null));
                        pending = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        scopes.Pop();
                        pending = null;
                        break;
                    default:
                        pending = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed for another reason: the parser's own message says where.
        }

        return null;
    }

    public BenchConfigurationException Error(string path, string message) => new(File, path, message);

    public JsonElement RequireObject(JsonElement parent, string name, string path)
    {
        var value = Require(parent, name, path);
        return value.ValueKind == JsonValueKind.Object ? value : throw Error(Child(path, name), $"must be an object, not {Kind(value)}.");
    }

    public string RequireString(JsonElement parent, string name, string path)
    {
        var value = Require(parent, name, path);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : throw Error(Child(path, name), $"must be a non-empty string, not {Kind(value)}.");
    }

    public string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error(Child(path, name), $"must be a string, not {Kind(value)}.");
    }

    public int? OptionalInt(JsonElement parent, string name, string path, int min, int max)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw Error(Child(path, name), $"must be a whole number, not {Kind(value)}.");
        }

        return number >= min && number <= max ? number : throw Error(Child(path, name), $"{number} is outside {min}–{max}.");
    }

    public Quantity RequireQuantity(JsonElement parent, string name, string path, Dimension dimension)
    {
        var text = RequireString(parent, name, path);
        try
        {
            return QuantityParser.Parse(text, dimension);
        }
        catch (FormatException e)
        {
            throw Error(Child(path, name), e.Message);
        }
    }

    public JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Error(Child(path, name), $"must be an object, not {Kind(value)}.");
    }

    public Quantity? OptionalQuantity(JsonElement parent, string name, string path, Dimension dimension) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? RequireQuantity(parent, name, path, dimension)
            : null;

    /// <summary>A quantity converted to <paramref name="unit"/> (which fixes the dimension), for the simulation's working units.</summary>
    public double Require(JsonElement parent, string name, string path, string unit)
    {
        var target = Units.Parse(unit);
        return RequireQuantity(parent, name, path, target.Dimension).In(target);
    }

    /// <summary>An optional quantity converted to <paramref name="unit"/>.</summary>
    public double? Optional(JsonElement parent, string name, string path, string unit)
    {
        var target = Units.Parse(unit);
        return OptionalQuantity(parent, name, path, target.Dimension)?.In(target);
    }

    public DateOnly? OptionalDate(JsonElement parent, string name, string path)
    {
        var text = OptionalString(parent, name, path);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(Child(path, name), $"'{text}' is not a date in the form YYYY-MM-DD.");
    }

    public DateTimeOffset? OptionalInstant(JsonElement parent, string name, string path)
    {
        var text = OptionalString(parent, name, path);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw Error(Child(path, name), $"'{text}' is not an instant in the form YYYY-MM-DDTHH:MM:SSZ (UTC).");
    }

    public void RejectUnknown(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name == "$schema")
            {
                continue;
            }

            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(Child(path, property.Name), $"is not a known field here; expected one of: {string.Join(", ", known)}.");
            }
        }
    }

    public static string Child(string path, string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{name}" : $"{path}['{name}']";

    private JsonElement Require(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw Error(Child(path, name), "is required but missing.");

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        _ => "null",
    };

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message.TrimEnd('.') : message[..dot];
    }
}
