using System.Globalization;
using System.Reflection;
using SpaceTestBench.Gherkin.Bindings;
using Reqnroll.BoDi;
using SpaceTestBench.Gherkin.Expressions;
using DataTable = Reqnroll.DataTable;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>Turns matched step text into method arguments: transformations first, then standard conversions.</summary>
internal sealed class ArgumentConverter(BindingRegistry registry)
{
    public object? Convert(StepArgument argument, Type target, IObjectContainer container)
    {
        if (argument.ParameterType is { Transform: null } custom && registry.TransformationFor(custom.Name) is { } namedTransformation)
        {
            return ConvertValue(Invoke(namedTransformation, argument.Group.Values, container), target, container);
        }

        return ConvertValue(argument.Value, target, container);
    }

    /// <summary>
    /// A step's data table as the binding's last parameter: the table itself, or what a transformation taking
    /// a <see cref="DataTable"/> makes of it (Reqnroll's table transformations).
    /// </summary>
    public object? ConvertTable(DataTable? table, Type target, IObjectContainer container)
    {
        if (table is null || target.IsInstanceOfType(table))
        {
            return table;
        }

        var transformation = registry.TableTransformationTo(target)
            ?? throw new InvalidCastException($"The step has a data table but the binding's last parameter is a {target.Name}, and no transformation makes one from a table.");
        var instance = transformation.IsStatic ? null : container.Resolve(transformation.DeclaringType!);
        try
        {
            return transformation.Invoke(instance, [table]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    public object? ConvertValue(object? value, Type target, IObjectContainer container)
    {
        if (value is null || target.IsInstanceOfType(value))
        {
            return value;
        }

        var text = System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        if (registry.TransformationTo(target, text) is { } transformation)
        {
            return Invoke(transformation.Method, transformation.Groups, container);
        }

        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (underlying.IsEnum)
        {
            return Enum.Parse(underlying, text.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true);
        }

        if (underlying == typeof(Guid))
        {
            return Guid.Parse(text, CultureInfo.InvariantCulture);
        }

        if (underlying == typeof(TimeSpan))
        {
            return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        }

        return System.Convert.ChangeType(text, underlying, CultureInfo.InvariantCulture);
    }

    private object? Invoke(MethodInfo method, string?[] groups, IObjectContainer container)
    {
        var parameters = method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = ConvertValue(i < groups.Length ? groups[i] : null, parameters[i].ParameterType, container);
        }

        var target = method.IsStatic ? null : container.Resolve(method.DeclaringType!);
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
