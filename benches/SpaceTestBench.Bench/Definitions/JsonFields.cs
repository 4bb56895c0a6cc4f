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
            return JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new BenchConfigurationException(
                file, null, $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: not valid JSON ({FirstSentence(e.Message)}).", e);
        }
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
