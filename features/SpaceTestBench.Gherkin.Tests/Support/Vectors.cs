using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SpaceTestBench.Gherkin.Tests.Support;

/// <summary>Reads the conformance vectors carried in TestData (Cucumber's MIT-licensed testdata).</summary>
internal static class Vectors
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>One test case per YAML file in a folder, named by the file.</summary>
    public static IEnumerable<TestCaseData> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetRelativePath(Root, f)).SetName(Path.GetFileNameWithoutExtension(f)));

    public static YamlMappingNode LoadMapping(string relativePath) => (YamlMappingNode)LoadDocument(relativePath);

    public static YamlNode LoadDocument(string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(Root, relativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    public static YamlNode? Get(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string Text(this YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value ?? "";

    public static int Int(this YamlMappingNode node, string key) => int.Parse(node.Text(key), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A plain (unquoted) scalar that reads as YAML null: empty, "~" or "null".</summary>
    public static bool IsNull(this YamlNode? node) =>
        node is null || (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null"));

    public static bool IsQuoted(this YamlScalarNode node) => node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
}
