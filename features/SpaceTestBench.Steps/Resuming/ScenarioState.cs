using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Reqnroll;
using SpaceTestBench.Gherkin;
using Reqnroll.BoDi;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// What a scenario's completed steps established, as data: every instance field of every scenario-scoped type
/// (the <c>[Binding]</c> classes of an assembly and, transitively, the types of their constructors' parameters
/// from that assembly) except the collaborators it was constructed with and fields marked
/// <see cref="NotScenarioStateAttribute"/>. Captured as JSON at each step's end, restored into a resumed
/// scenario's fresh objects before its interrupted step runs again. Sweeping fields rather than asking each type
/// to list them is what makes a new binding's state resumable without anyone remembering to add it.
/// </summary>
public static class ScenarioState
{
    private static readonly JsonSerializerOptions Json = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new UnitConverter(), new JsonStringEnumConverter() },
    };

    /// <summary>The scenario-scoped types of <paramref name="assembly"/>: its bindings and what they are built from, in a stable order.</summary>
    public static IReadOnlyList<Type> ScopedTypes(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var found = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        var pending = new Stack<Type>(assembly.GetTypes().Where(t => t.GetCustomAttribute<BindingAttribute>() is not null));
        while (pending.TryPop(out var type))
        {
            if (type.GetCustomAttribute<NotScenarioStateAttribute>() is not null || !found.TryAdd(type.FullName!, type))
            {
                continue;
            }

            foreach (var parameter in type.GetConstructors().SelectMany(c => c.GetParameters()))
            {
                var dependency = parameter.ParameterType;
                if (dependency.Assembly == assembly && dependency.IsClass && !dependency.IsAbstract)
                {
                    pending.Push(dependency);
                }
            }
        }

        return [.. found.Values];
    }

    /// <summary>The fields of <paramref name="type"/> a checkpoint holds: not its collaborators, not those marked.</summary>
    public static IReadOnlyList<FieldInfo> StateFields(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);

        // A type's fields do not change while the process runs; the reflection walk was done again for every scoped type at
        // every step's checkpoint.
        return FieldsByType.GetOrAdd(type, FindStateFields);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<FieldInfo>> FieldsByType = new();

    private static IReadOnlyList<FieldInfo> FindStateFields(Type type)
    {
        var collaborators = type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType).ToHashSet();
        return [.. type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => !collaborators.Contains(f.FieldType))
            .Where(f => f.GetCustomAttribute<NotScenarioStateAttribute>() is null && Property(type, f)?.GetCustomAttribute<NotScenarioStateAttribute>() is null)
            .Where(f => f.GetCustomAttribute<CompilerGeneratedAttribute>() is null || Property(type, f) is not null)
            .OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Why <paramref name="field"/>'s type cannot be written to a checkpoint, or null if it can.</summary>
    public static string? WhyNotCheckpointable(FieldInfo field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var type = Nullable.GetUnderlyingType(field.FieldType) ?? field.FieldType;
        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return "a delegate";
        }

        if (type.IsInterface && !type.IsGenericType)
        {
            return "an interface (a collaborator, not data)";
        }

        // A collection's elements must be data too: a list of abstract rail sources cannot be read back.
        foreach (var element in type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [])
        {
            if ((element.IsAbstract || element.IsInterface) && element != typeof(object))
            {
                return $"a collection of {element.Name}, an abstract type a checkpoint cannot read back";
            }
        }

        if (type.IsAbstract && !type.IsInterface)
        {
            return "an abstract type a checkpoint cannot read back";
        }

        if (type.Namespace is { } ns && (ns.StartsWith("SpaceTestBench.Bench", StringComparison.Ordinal) || ns.StartsWith("SpaceTestBench.Instruments", StringComparison.Ordinal)
            || ns.StartsWith("SpaceTestBench.Results.Recording", StringComparison.Ordinal)) && !type.IsEnum && !type.IsValueType && !IsRecord(type))
        {
            return "a live bench or results object";
        }

        return null;
    }

    /// <summary>The state of every scoped type the scenario's container holds, keyed by type then field.</summary>
    public static JsonObject Capture(IObjectContainer container, IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(types);
        var state = new JsonObject();
        foreach (var type in types)
        {
            var instance = container.Resolve(type);
            var fields = new JsonObject();
            foreach (var field in StateFields(type))
            {
                fields[field.Name] = JsonSerializer.SerializeToNode(field.GetValue(instance), field.FieldType, Json);
            }

            if (fields.Count > 0)
            {
                state[type.FullName!] = fields;
            }
        }

        return state;
    }

    /// <summary>Puts <paramref name="state"/> back into the scenario's objects (resolving them from <paramref name="container"/>).</summary>
    public static void Restore(IObjectContainer container, IEnumerable<Type> types, JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(state);
        foreach (var type in types)
        {
            if (state[type.FullName!] is not JsonObject fields)
            {
                continue;
            }

            var instance = container.Resolve(type);
            foreach (var field in StateFields(type))
            {
                if (fields.TryGetPropertyValue(field.Name, out var value))
                {
                    field.SetValue(instance, value is null ? null : value.Deserialize(field.FieldType, Json));
                }
            }
        }
    }

    private static PropertyInfo? Property(Type type, FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.EndsWith(">k__BackingField", StringComparison.Ordinal)
            ? type.GetProperty(field.Name[1..field.Name.IndexOf('>', StringComparison.Ordinal)], BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            : null;

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    /// <summary>
    /// A unit is written as its symbol, dimension, scale and offset; read back as the known unit of that symbol, or
    /// (a unit built in code, such as a fluence's) as the linear unit those describe.
    /// </summary>
    private sealed class UnitConverter : JsonConverter<Unit>
    {
        public override Unit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var saved = JsonSerializer.Deserialize<SavedUnit>(ref reader, Plain) ?? throw new JsonException("A unit is an object.");
            return Units.TryParse(saved.Symbol, out var known, out _) && known.Dimension == saved.Dimension && known.Scale == saved.Scale && known.Offset == saved.Offset
                ? known
                : Unit.Linear(saved.Symbol, saved.Dimension, saved.Scale, saved.Offset);
        }

        public override void Write(Utf8JsonWriter writer, Unit value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new SavedUnit(value.Symbol, value.Dimension, value.Scale, value.Offset), Plain);
    }

    private sealed record SavedUnit(string Symbol, Dimension Dimension, double Scale, double Offset);

    private static readonly JsonSerializerOptions Plain = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
}
