using System.ComponentModel;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Io.Cucumber.Messages.Types;

namespace SpaceTestBench.Gherkin.Messages;

/// <summary>
/// Cucumber Messages as JSON, the way Cucumber writes them: camelCase keys, absent fields omitted, empty
/// arrays kept, and enums as their protocol wire values (<c>PASSED</c>, <c>Context</c>,
/// <c>text/x.cucumber.gherkin+plain</c>), which Cucumber.Messages 35 keeps in each member's
/// <see cref="DescriptionAttribute"/> but does not serialize itself.
/// </summary>
public static class MessageJson
{
    /// <summary>Serializer options for envelopes.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>One envelope as one line of JSON (no trailing newline).</summary>
    public static string Serialize(Envelope envelope) => JsonSerializer.Serialize(envelope, Options);

    /// <summary>One line of JSON back into an envelope.</summary>
    public static Envelope Deserialize(string line) =>
        JsonSerializer.Deserialize<Envelope>(line, Options) ?? throw new JsonException("The line holds no envelope.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };
        options.Converters.Add(new WireEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class WireEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(WireEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class WireEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> ToWire = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => (TEnum)f.GetValue(null)!, f => f.GetCustomAttribute<DescriptionAttribute>()?.Description ?? f.Name);

        private static readonly Dictionary<string, TEnum> FromWire = ToWire.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? "";
            return FromWire.TryGetValue(text, out var value) ? value : throw new JsonException($"'{text}' is not a {typeof(TEnum).Name} wire value.");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(ToWire[value]);
        }
    }
}
