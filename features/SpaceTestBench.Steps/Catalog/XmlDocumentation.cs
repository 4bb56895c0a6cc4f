using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SpaceTestBench.Steps.Catalog;

/// <summary>
/// The XML documentation the compiler writes beside an assembly (<c>GenerateDocumentationFile</c>), read at
/// run time so that a step's <c>&lt;summary&gt;</c> is its one description: the catalog, <c>spacebench steps</c>
/// and docs/steps.md quote it rather than a second copy in an attribute. Members are found by their
/// documentation ID strings (C# language specification, annex D.4.2).
/// </summary>
public sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocumentation(string file, Dictionary<string, string> summaries)
    {
        File = file;
        _summaries = summaries;
    }

    /// <summary>The documentation file looked for.</summary>
    public string File { get; }

    /// <summary>True if the file was there; without it every summary is empty.</summary>
    public bool Found => _summaries.Count > 0;

    /// <summary>Reads the documentation file of <paramref name="assembly"/> (its name with .xml, beside it).</summary>
    public static XmlDocumentation For(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (System.IO.File.Exists(file))
        {
            foreach (var member in XDocument.Load(file).Descendants("member"))
            {
                if (member.Attribute("name")?.Value is { } id && member.Element("summary") is { } summary)
                {
                    summaries[id] = PlainText(summary);
                }
            }
        }

        return new XmlDocumentation(file, summaries);
    }

    /// <summary>The summary of a method, as one line of plain text; empty if it has none.</summary>
    public string Summary(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var parameters = method.GetParameters();
        var id = $"M:{TypeId(method.DeclaringType!)}.{method.Name}" + (parameters.Length == 0 ? "" : $"({string.Join(",", parameters.Select(p => TypeId(p.ParameterType)))})");
        return _summaries.GetValueOrDefault(id, "");
    }

    /// <summary>The summary of a type, as one line of plain text; empty if it has none.</summary>
    public string Summary(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return _summaries.GetValueOrDefault($"T:{TypeId(type)}", "");
    }

    /// <summary>A type as documentation IDs write it: nested types with '.', generic arguments in braces.</summary>
    private static string TypeId(Type type)
    {
        if (type.IsByRef)
        {
            return TypeId(type.GetElementType()!) + "@";
        }

        if (type.IsArray)
        {
            return TypeId(type.GetElementType()!) + (type.GetArrayRank() == 1 ? "[]" : $"[{string.Join(",", Enumerable.Repeat("0:", type.GetArrayRank()))}]");
        }

        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        var name = (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName!.Replace('+', '.');
        if (!type.IsGenericType || type.IsGenericTypeDefinition)
        {
            return name;
        }

        return $"{GenericArity().Replace(name, "")}{{{string.Join(",", type.GetGenericArguments().Select(TypeId))}}}";
    }

    /// <summary>The text of a documentation element: references by their name, code as its text, whitespace collapsed.</summary>
    private static string PlainText(XElement element)
    {
        var text = new StringBuilder();
        Append(element, text);
        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    private static void Append(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText literal:
                    text.Append(literal.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } reference when !reference.Nodes().Any():
                    text.Append(ReferenceName(reference));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } parameter:
                    text.Append(parameter.Attribute("name")?.Value);
                    break;
                case XElement { Name.LocalName: "para" } paragraph:
                    text.Append(' ');
                    Append(paragraph, text);
                    text.Append(' ');
                    break;
                case XElement other:
                    Append(other, text);
                    break;
            }
        }
    }

    /// <summary>"T:SpaceTestBench.Bench.BenchRoles" → "BenchRoles"; a langword or href as written.</summary>
    private static string ReferenceName(XElement reference)
    {
        if (reference.Attribute("langword")?.Value is { } word)
        {
            return word;
        }

        if (reference.Attribute("href")?.Value is { } href)
        {
            return href;
        }

        var cref = reference.Attribute("cref")?.Value ?? "";
        var withoutParameters = cref.Split('(')[0];
        var name = withoutParameters[(withoutParameters.LastIndexOf('.') + 1)..];
        return GenericArity().Replace(name.Contains(':', StringComparison.Ordinal) ? name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..] : name, "");
    }

    [GeneratedRegex(@"`+\d+")]
    private static partial Regex GenericArity();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
