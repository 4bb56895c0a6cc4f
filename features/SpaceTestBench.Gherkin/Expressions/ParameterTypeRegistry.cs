using System.Globalization;
using System.Numerics;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>The parameter types Cucumber Expressions can use: the built-ins and those defined by transformations.</summary>
public sealed class ParameterTypeRegistry : CucumberExpressions.IParameterTypeRegistry
{
    // The built-in regular expressions of cucumber-expressions (defineDefaultParameterTypes); the float
    // exponent accepts 'e' as well as 'E', which .NET's parsers read the same way.
    private const string IntegerRegex = @"-?\d+";
    private const string UnsignedIntegerRegex = @"\d+";
    private const string FloatRegex = @"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?";
    private const string WordRegex = @"[^\s]+";
    private const string StringRegex = @"""([^""\\]*(\\.[^""\\]*)*)""|'([^'\\]*(\\.[^'\\]*)*)'";
    private const string AnonymousRegex = ".*";

    private readonly Dictionary<string, ParameterType> _types = new(StringComparer.Ordinal);
    private readonly List<ParameterType> _defined = [];

    /// <summary>A registry holding the built-in types.</summary>
    public ParameterTypeRegistry()
    {
        string[] integer = [IntegerRegex, UnsignedIntegerRegex];
        DefineBuiltIn("int", integer, typeof(int), s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), true);
        DefineBuiltIn("byte", integer, typeof(sbyte), s => sbyte.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));
        DefineBuiltIn("short", integer, typeof(short), s => short.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));
        DefineBuiltIn("long", integer, typeof(long), s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));
        DefineBuiltIn("biginteger", integer, typeof(BigInteger), s => BigInteger.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));
        DefineBuiltIn("float", [FloatRegex], typeof(float), s => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture), true);
        DefineBuiltIn("double", [FloatRegex], typeof(double), s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

        // .NET has no arbitrary-precision decimal: {bigdecimal} keeps the exact digits as text and the
        // binding's parameter type decides (decimal, double, or string to keep every digit).
        DefineBuiltIn("bigdecimal", [FloatRegex], typeof(string), s => s);
        DefineBuiltIn("decimal", [FloatRegex], typeof(decimal), s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
        DefineBuiltIn("word", [WordRegex], typeof(string), s => s);
        Define(new ParameterType("string", [StringRegex], typeof(string), UnquoteString, UseForSnippets: true, IsBuiltIn: true));
        DefineBuiltIn("", [AnonymousRegex], typeof(object), s => s, preferForRegex: true);
    }

    /// <summary>All types, built-in first, then in definition order.</summary>
    public IEnumerable<ParameterType> All => _types.Values;

    /// <summary>The types defined by the project (not built in), in definition order.</summary>
    public IReadOnlyList<ParameterType> Defined => _defined;

    /// <summary>Adds a type; a second type of the same name is an error.</summary>
    public void Define(ParameterType parameterType)
    {
        ArgumentNullException.ThrowIfNull(parameterType);
        if (parameterType.Name.IndexOfAny(['{', '}', '(', ')', '\\', '/']) >= 0)
        {
            throw CucumberExpressions.CucumberExpressionException.CreateInvalidParameterTypeName(parameterType.Name);
        }

        if (!_types.TryAdd(parameterType.Name, parameterType))
        {
            throw new CucumberExpressions.CucumberExpressionException($"There is already a parameter type named '{parameterType.Name}'.");
        }

        if (!parameterType.IsBuiltIn)
        {
            _defined.Add(parameterType);
        }
    }

    /// <summary>Finds a type by name.</summary>
    public bool TryGet(string name, out ParameterType parameterType) => _types.TryGetValue(name, out parameterType!);

    /// <inheritdoc />
    public CucumberExpressions.IParameterType? LookupByTypeName(string name) => _types.GetValueOrDefault(name);

    /// <inheritdoc />
    public IEnumerable<CucumberExpressions.IParameterType> GetParameterTypes() => _types.Values;

    private void DefineBuiltIn(string name, string[] regexes, Type type, Func<string, object> parse, bool useForSnippets = false, bool preferForRegex = false) =>
        Define(new ParameterType(name, regexes, type, g => g[0] is { } s ? parse(s) : null, useForSnippets, preferForRegex, IsBuiltIn: true));

    private static string? UnquoteString(string?[] groups)
    {
        // The top-level groups are the contents of "…" and of '…'; one of them matched.
        if (groups.Length > 0 && groups[0] is { } doubleQuoted)
        {
            return doubleQuoted.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        return groups.Length > 1 && groups[1] is { } singleQuoted
            ? singleQuoted.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : null;
    }
}
