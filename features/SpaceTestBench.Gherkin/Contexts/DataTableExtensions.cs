using System.Globalization;
using System.Reflection;
using SpaceTestBench.Gherkin.Assist;

namespace SpaceTestBench.Gherkin;

/// <summary>
/// Objects from tables and tables against objects (Reqnroll's table helpers, same names). Headers match
/// properties and constructor parameters ignoring case, spaces and underscores. A table whose header is
/// <c>Field | Value</c> (or two columns of name and value) describes one object vertically.
/// </summary>
public static class DataTableExtensions
{
    /// <summary>One object from a vertical (Field/Value) table, or from the first row of a horizontal one.</summary>
    public static T CreateInstance<T>(this DataTable table, InstanceCreationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Create<T>(IsVertical(table) ? VerticalValues(table) : RowValues(table.Rows.Count > 0 ? table.Rows[0] : throw new TableBindingException("The table has no row to create an object from.")), options);
    }

    /// <summary>One object per row of a horizontal table.</summary>
    public static IEnumerable<T> CreateSet<T>(this DataTable table, InstanceCreationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Rows.Select(r => Create<T>(RowValues(r), options)).ToList();
    }

    /// <summary>Sets the properties a vertical table names on <paramref name="instance"/>.</summary>
    public static void FillInstance<T>(this DataTable table, T instance)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, value) in IsVertical(table) ? VerticalValues(table) : RowValues(table.Rows[0]))
        {
            var property = FindProperty(typeof(T), name) ?? throw new TableBindingException($"{typeof(T).Name} has no property for the column '{name}'.");
            property.SetValue(instance, Convert(value, property.PropertyType, name));
        }
    }

    /// <summary>Throws <see cref="TableComparisonException"/> unless <paramref name="instance"/> has the values of a vertical table.</summary>
    public static void CompareToInstance<T>(this DataTable table, T instance)
    {
        ArgumentNullException.ThrowIfNull(table);
        var differences = Differences(IsVertical(table) ? VerticalValues(table) : RowValues(table.Rows[0]), instance, "").ToList();
        if (differences.Count > 0)
        {
            throw new TableComparisonException("The object differs from the table:\n" + string.Join("\n", differences));
        }
    }

    /// <summary>
    /// Throws <see cref="TableComparisonException"/> unless every row matches one object and every object one
    /// row (the table's columns only are compared); with <paramref name="sequentialEquality"/>, in order.
    /// </summary>
    public static void CompareToSet<T>(this DataTable table, IEnumerable<T> set, bool sequentialEquality = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(set);
        var remaining = set.ToList();
        var problems = new List<string>();
        if (remaining.Count != table.RowCount)
        {
            problems.Add($"The table has {table.RowCount} row(s); the set has {remaining.Count} item(s).");
        }

        for (var i = 0; i < table.RowCount; i++)
        {
            var expected = RowValues(table.Rows[i]);
            var index = sequentialEquality
                ? (i < remaining.Count && !Differences(expected, remaining[i], "").Any() ? i : -1)
                : remaining.FindIndex(item => !Differences(expected, item, "").Any());
            if (index < 0)
            {
                problems.Add($"Row {i + 1} ({string.Join(", ", expected.Select(p => $"{p.Name}={p.Value}"))}) has no matching item{(sequentialEquality ? " at that position" : "")}.");
                continue;
            }

            if (sequentialEquality)
            {
                continue;
            }

            remaining.RemoveAt(index);
        }

        if (problems.Count > 0)
        {
            throw new TableComparisonException(string.Join("\n", problems));
        }
    }

    private static T Create<T>(List<(string Name, string Value)> values, InstanceCreationOptions? options)
    {
        var type = typeof(T);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        object instance;
        if (constructor is not null && constructor.GetParameters().Length > 0)
        {
            var arguments = constructor.GetParameters().Select(p =>
            {
                var cell = values.FirstOrDefault(v => Same(v.Name, p.Name!));
                if (cell.Name is null)
                {
                    return options?.RequireTableToProvideAllConstructorParameters == true
                        ? throw new TableBindingException($"The table has no column for the constructor parameter '{p.Name}' of {type.Name}.")
                        : p.HasDefaultValue ? p.DefaultValue : (p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null);
                }

                used.Add(cell.Name);
                return Convert(cell.Value, p.ParameterType, cell.Name);
            }).ToArray();
            instance = constructor.Invoke(arguments);
        }
        else
        {
            instance = Activator.CreateInstance(type) ?? throw new TableBindingException($"{type.Name} cannot be created.");
        }

        foreach (var (name, value) in values.Where(v => !used.Contains(v.Name)))
        {
            if (FindProperty(type, name) is { CanWrite: true } property)
            {
                property.SetValue(instance, Convert(value, property.PropertyType, name));
            }
            else if (options?.VerifyAllColumnsBound == true)
            {
                throw new TableBindingException($"The column '{name}' binds to nothing on {type.Name}.");
            }
        }

        return (T)instance;
    }

    private static IEnumerable<string> Differences<T>(List<(string Name, string Value)> expected, T actual, string prefix)
    {
        foreach (var (name, value) in expected)
        {
            var property = FindProperty(typeof(T), name);
            if (property is null)
            {
                yield return $"{prefix}{name}: {typeof(T).Name} has no such property";
                continue;
            }

            var actualValue = property.GetValue(actual);
            var converted = TryConvert(value, property.PropertyType, out var parsed) ? parsed : value;
            if (!Equals(converted, actualValue) && !string.Equals(value, System.Convert.ToString(actualValue, CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                yield return $"{prefix}{name}: expected '{value}', actual '{System.Convert.ToString(actualValue, CultureInfo.InvariantCulture)}'";
            }
        }
    }

    private static bool IsVertical(DataTable table) =>
        table.Header.Count == 2 && Same(table.Header[0], "Field") && Same(table.Header[1], "Value");

    private static List<(string Name, string Value)> VerticalValues(DataTable table) => table.Rows.Select(r => (r[0], r[1])).ToList();

    private static List<(string Name, string Value)> RowValues(DataTableRow row) => row.Table.Header.Select((h, i) => (h, row[i])).ToList();

    private static PropertyInfo? FindProperty(Type type, string name) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => Same(p.Name, name));

    private static bool Same(string a, string b) => string.Equals(Key(a), Key(b), StringComparison.OrdinalIgnoreCase);

    private static string Key(string name) => new([.. name.Where(c => !char.IsWhiteSpace(c) && c != '_')]);

    private static object? Convert(string value, Type target, string column) =>
        TryConvert(value, target, out var converted) ? converted : throw new TableBindingException($"The value '{value}' of '{column}' is not a {target.Name}.");

    private static bool TryConvert(string value, Type target, out object? converted)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        converted = null;
        if (value.Length == 0 && (Nullable.GetUnderlyingType(target) is not null || !target.IsValueType) && type != typeof(string))
        {
            return true;
        }

        try
        {
            converted = type == typeof(string) ? value
                : type.IsEnum ? Enum.Parse(type, value.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true)
                : type == typeof(Guid) ? Guid.Parse(value, CultureInfo.InvariantCulture)
                : type == typeof(DateTimeOffset) ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture)
                : type == typeof(TimeSpan) ? TimeSpan.Parse(value, CultureInfo.InvariantCulture)
                : type == typeof(bool) ? bool.Parse(value)
                : System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>A table cannot be turned into the requested objects.</summary>
public sealed class TableBindingException(string message) : Exception(message);

/// <summary>A table does not match the objects it is compared with.</summary>
public sealed class TableComparisonException(string message) : Exception(message);
