using System.Globalization;
using System.Text.RegularExpressions;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>The parameter types Cucumber Expressions can use: the built-ins and those defined by transformations.</summary>
public sealed class ParameterTypeRegistry
{
    private const string IntegerRegex = @"-?\d+";
    private const string UnsignedIntegerRegex = @"\d+";
    private const string FloatRegex = @"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?";
    private const string WordRegex = @"[^\s]+";
    private const string StringRegex = @"""([^""\\]*(\\.[^""\\]*)*)""|'([^'\\]*(\\.[^'\\]*)*)'";
    private const string AnonymousRegex = ".*";

    private readonly Dictionary<string, ParameterType> _types = new(StringComparer.Ordinal);

    /// <summary>A registry holding the built-in types.</summary>
    public ParameterTypeRegistry()
    {
        foreach (var name in new[] { "int", "byte", "short", "long", "biginteger" })
        {
            Define(new ParameterType(name, [IntegerRegex, UnsignedIntegerRegex], typeof(string), g => g[0], name == "int", IsBuiltIn: true));
        }

        foreach (var name in new[] { "float", "double", "bigdecimal", "decimal" })
        {
            Define(new ParameterType(name, [FloatRegex], typeof(string), g => g[0], name == "float", IsBuiltIn: true));
        }

        Define(new ParameterType("word", [WordRegex], typeof(string), g => g[0], false, IsBuiltIn: true));
        Define(new ParameterType("string", [StringRegex], typeof(string), UnquoteString, true, IsBuiltIn: true));
        Define(new ParameterType("", [AnonymousRegex], typeof(string), g => g[0], false, IsBuiltIn: true));
    }

    /// <summary>All defined types.</summary>
    public IEnumerable<ParameterType> All => _types.Values;

    /// <summary>Adds a type; a second type of the same name is an error.</summary>
    public void Define(ParameterType parameterType)
    {
        ArgumentNullException.ThrowIfNull(parameterType);
        if (!_types.TryAdd(parameterType.Name, parameterType))
        {
            throw new InvalidOperationException($"There is already a parameter type named '{parameterType.Name}'.");
        }
    }

    /// <summary>Finds a type by name.</summary>
    public bool TryGet(string name, out ParameterType parameterType) => _types.TryGetValue(name, out parameterType!);

    /// <summary>Number of capturing groups in a regular expression (a parameter's inner groups are part of its value).</summary>
    public static int CaptureCount(string regex) => new Regex(regex, RegexOptions.None, TimeSpan.FromSeconds(1)).GetGroupNumbers().Length - 1;

    private static string? UnquoteString(string?[] groups)
    {
        // Group 0 is the whole match; groups 1 and 3 are the contents of "…" and '…'.
        var content = groups.Length > 1 && groups[1] is not null ? groups[1]!.Replace("\\\"", "\"", StringComparison.Ordinal)
            : groups.Length > 3 && groups[3] is not null ? groups[3]!.Replace("\\'", "'", StringComparison.Ordinal)
            : "";
        return content;
    }

    /// <summary>Formats an invariant-culture number for snippets.</summary>
    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
