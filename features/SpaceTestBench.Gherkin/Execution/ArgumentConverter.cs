using System.Globalization;
using System.Reflection;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.BoDi;
using SpaceTestBench.Gherkin.Expressions;

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
