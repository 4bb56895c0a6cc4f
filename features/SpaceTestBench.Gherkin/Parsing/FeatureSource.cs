using System.Text.RegularExpressions;
using Gherkin;
using StepKeywordType = Io.Cucumber.Messages.Types.StepKeywordType;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;

namespace SpaceTestBench.Gherkin.Parsing;

/// <summary>Where an AST node of a feature file is, and what it is.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Keyword">The Gherkin keyword as written ("Given ", "And ", "Scenario Outline").</param>
/// <param name="KeywordType">For steps: Context, Action, Outcome, Conjunction or Unknown.</param>
public sealed record AstNodeInfo(int Line, int Column, string Keyword, StepKeywordType? KeywordType);

/// <summary>
/// A parsed feature file: its text, its Gherkin document and its pickles (the executable scenarios, one per
/// outline example row), compiled by Cucumber's official parser and pickle compiler.
/// </summary>
public sealed partial class FeatureSource
{
    private readonly Dictionary<string, AstNodeInfo> _nodes;
    private readonly Dictionary<string, string> _ruleOfScenario;
    private readonly Dictionary<string, string> _descriptions = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _exampleRows = [];

    private FeatureSource(string path, string uri, string text, GherkinDocument document, IReadOnlyList<Pickle> pickles)
    {
        Path = path;
        Uri = uri;
        Text = text;
        Document = document;
        Pickles = pickles;
        _nodes = [];
        _ruleOfScenario = [];
        Index(document);
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>Path relative to the features root with '/' separators (the Cucumber message <c>uri</c>).</summary>
    public string Uri { get; }

    /// <summary>The file's text.</summary>
    public string Text { get; }

    /// <summary>The Gherkin document as a Cucumber message.</summary>
    public GherkinDocument Document { get; }

    /// <summary>The pickles, in file order.</summary>
    public IReadOnlyList<Pickle> Pickles { get; }

    /// <summary>The feature's title ("" if the file has no Feature).</summary>
    public string FeatureName => Document.Feature?.Name ?? "";

    /// <summary>The feature's tags.</summary>
    public IEnumerable<string> FeatureTags => Document.Feature?.Tags.Select(t => t.Name) ?? [];

    /// <summary>Parses the feature file at <paramref name="path"/>; <paramref name="root"/> makes its uri relative.</summary>
    public static FeatureSource Load(string path, string root, IIdGenerator ids)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var uri = System.IO.Path.GetRelativePath(System.IO.Path.GetFullPath(root), fullPath).Replace('\\', '/');
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (System.Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GherkinParseException([new GherkinSyntaxError(fullPath, 0, 0, $"cannot read the file: {e.Message}")]);
        }

        return Parse(Decode(bytes, fullPath), fullPath, uri, ids);
    }

    /// <summary>The longest step text (after Examples values are put in) a feature file may have, in characters.</summary>
    /// <remarks>
    /// A step is a sentence; the longest in the shipped suites is about 200 characters. Matching and the
    /// "nearest step" suggestion grow faster than linearly with its length, so a runaway line (a pasted data
    /// dump) is refused where it is written instead of timing out a regular expression mid-run.
    /// </remarks>
    public const int MaximumStepLength = 2000;

    // Strict: a byte that is not UTF-8 must not silently become U+FFFD in a step (and a limit).
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text as UTF-8 (Gherkin's encoding), or the first byte that is not, with its offset and line.</summary>
    private static string Decode(byte[] bytes, string file)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            var offset = start + Math.Max(0, e.Index);
            var line = 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? string.Join(" ", unknown.Select(b => $"0x{b:X2}")) : "?";
            throw new GherkinParseException([new GherkinSyntaxError(file, line, 0,
                $"byte {offset} ({bad}) is not UTF-8. Feature files are UTF-8 text: save the file as UTF-8 (it may be Latin-1 or Windows-1252).")]);
        }
    }

    /// <summary>Parses feature text; <paramref name="displayPath"/> is used in errors.</summary>
    public static FeatureSource Parse(string text, string displayPath, string uri, IIdGenerator ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        global::Gherkin.Ast.GherkinDocument ast;
        try
        {
            ast = new Parser().Parse(new StringReader(text));
        }
        catch (CompositeParserException e)
        {
            throw new GherkinParseException(e.Errors.Select(x => ToError(displayPath, x)).ToList());
        }
        catch (ParserException e)
        {
            throw new GherkinParseException([ToError(displayPath, e)]);
        }

        var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, uri);
        var pickles = new PickleCompiler(ids).Compile(document);
        var source = new FeatureSource(displayPath, uri, text, document, pickles);
        source.ThrowIfStepTooLong();
        return source;
    }

    /// <summary>Finds every .feature file under the given files and folders, in path order.</summary>
    public static IReadOnlyList<string> FindFeatureFiles(IEnumerable<string> filesOrFolders)
    {
        ArgumentNullException.ThrowIfNull(filesOrFolders);
        var files = new List<string>();
        foreach (var item in filesOrFolders)
        {
            if (Directory.Exists(item))
            {
                files.AddRange(FeatureFilesUnder(item).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(item))
            {
                files.Add(item);
            }
            else
            {
                throw new FileNotFoundException($"No feature file or folder at {item}.", item);
            }
        }

        return files.Select(System.IO.Path.GetFullPath).Distinct().ToList();
    }

    /// <summary>
    /// The .feature files under a folder. Build output (bin, obj) and the folders of other .NET projects
    /// (a test project's own test data, say) are not suites, so the walk does not enter them.
    /// </summary>
    private static IEnumerable<string> FeatureFilesUnder(string folder)
    {
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(current, "*.feature"))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(current))
            {
                var name = System.IO.Path.GetFileName(child);
                if (name is not ("bin" or "obj") && !Directory.EnumerateFiles(child, "*.csproj").Any())
                {
                    pending.Push(child);
                }
            }
        }
    }

    /// <summary>Location and keyword of an AST node (step, scenario, example row) by its id.</summary>
    public AstNodeInfo Node(string astNodeId) => _nodes[astNodeId];

    /// <summary>The Rule a pickle belongs to, if any.</summary>
    public string? RuleOf(Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(pickle);
        return _ruleOfScenario.GetValueOrDefault(pickle.AstNodeIds[0]);
    }

    /// <summary>The description of a pickle's scenario, or null if it has none.</summary>
    public string? DescriptionOf(Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(pickle);
        return _descriptions.TryGetValue(pickle.AstNodeIds[0], out var description) && description.Length > 0 ? description : null;
    }

    /// <summary>For a pickle of a Scenario Outline: its example row as column name → value; else empty.</summary>
    public IReadOnlyDictionary<string, string> ExampleArguments(Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(pickle);
        return pickle.AstNodeIds.Count > 1 && _exampleRows.TryGetValue(pickle.AstNodeIds[^1], out var row) ? row : new Dictionary<string, string>();
    }

    private void ThrowIfStepTooLong()
    {
        var errors = Pickles.SelectMany(p => p.Steps)
            .Where(step => step.Text.Length > MaximumStepLength)
            .Select(step => (Node: _nodes.GetValueOrDefault(step.AstNodeIds[0]), step.Text.Length))
            .DistinctBy(x => x.Node?.Line)
            .Select(x => new GherkinSyntaxError(Path, x.Node?.Line ?? 0, x.Node?.Column ?? 0,
                $"a step of {x.Length:N0} characters; a step may have at most {MaximumStepLength:N0}. Put long data in a data table or a doc string."))
            .ToList();
        if (errors.Count > 0)
        {
            throw new GherkinParseException(errors);
        }
    }

    /// <summary>The line of a pickle: its example row for outlines, else its scenario.</summary>
    public int LineOf(Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(pickle);
        return _nodes[pickle.AstNodeIds[^1]].Line;
    }

    private static GherkinSyntaxError ToError(string file, ParserException e)
    {
        // The parser prefixes its message with "(line:column): "; keep only the text.
        var message = LocationPrefix().Replace(e.Message, "");
        return new GherkinSyntaxError(file, e.Location?.Line ?? 0, e.Location?.Column ?? 0, message);
    }

    [GeneratedRegex(@"^\(\d+:\d+\):\s*")]
    private static partial Regex LocationPrefix();

    private void Index(GherkinDocument document)
    {
        if (document.Feature is null)
        {
            return;
        }

        foreach (var child in document.Feature.Children)
        {
            if (child.Background is { } background)
            {
                IndexSteps(background.Steps);
            }

            if (child.Scenario is { } scenario)
            {
                IndexScenario(scenario, null);
            }

            if (child.Rule is { } rule)
            {
                foreach (var ruleChild in rule.Children)
                {
                    if (ruleChild.Background is { } ruleBackground)
                    {
                        IndexSteps(ruleBackground.Steps);
                    }

                    if (ruleChild.Scenario is { } ruleScenario)
                    {
                        IndexScenario(ruleScenario, rule.Name);
                    }
                }
            }
        }
    }

    private void IndexScenario(Scenario scenario, string? rule)
    {
        _nodes[scenario.Id] = new AstNodeInfo((int)scenario.Location.Line, (int)(scenario.Location.Column ?? 0), scenario.Keyword, null);
        _descriptions[scenario.Id] = scenario.Description ?? "";
        if (rule is not null)
        {
            _ruleOfScenario[scenario.Id] = rule;
        }

        IndexSteps(scenario.Steps);
        foreach (var examples in scenario.Examples)
        {
            foreach (var row in examples.TableBody)
            {
                _nodes[row.Id] = new AstNodeInfo((int)row.Location.Line, (int)(row.Location.Column ?? 0), examples.Keyword, null);
                if (examples.TableHeader is { } header)
                {
                    _exampleRows[row.Id] = header.Cells.Zip(row.Cells).GroupBy(p => p.First.Value)
                        .ToDictionary(g => g.Key, g => g.First().Second.Value, StringComparer.Ordinal);
                }
            }
        }
    }

    private void IndexSteps(IEnumerable<Step> steps)
    {
        foreach (var step in steps)
        {
            _nodes[step.Id] = new AstNodeInfo((int)step.Location.Line, (int)(step.Location.Column ?? 0), step.Keyword, step.KeywordType);
        }
    }
}
