using System.Text.Json.Nodes;
using Gherkin.CucumberMessages;
using SpaceTestBench.Gherkin.Messages;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;
using SpaceTestBench.Gherkin.Tests.Support;

namespace SpaceTestBench.Gherkin.Tests.Compatibility;

/// <summary>
/// The Cucumber Compatibility Kit on Reqnroll's runtime: every sample's features run through
/// <see cref="ReqnrollScenarioDriver"/> on a fresh <see cref="ReqnrollTestRun"/> whose bindings are only the sample's
/// glue (namespace <c>Glue.&lt;Sample&gt;</c>), and the Cucumber Messages Reqnroll's own publisher produces must equal
/// the kit's expected ndjson under the rules of <see cref="MessageStreamComparer"/>. Samples that differ for a
/// reason inherent in Reqnroll 3.3.4 are listed in <see cref="KnownDifferences"/> with the reason: the test fails
/// when any other sample differs, and when a listed one starts to pass (then take it off the list).
/// Each actual stream is written to artifacts/cck-reqnroll/&lt;sample&gt;.ndjson.
/// </summary>
[NonParallelizable]
public sealed class ReqnrollCompatibilityKitTests
{
    /// <summary>
    /// Why Reqnroll 3.3.4's messages differ from the kit, each with the comparer's problem lines it explains.
    /// </summary>
    private static class Because
    {
        public static readonly KnownDifference ArgumentGroups = new(
            "Reqnroll's message factory writes each argument group with an empty 'children' and a regex group with " +
            "parameterTypeName 'string'; a {string} argument is the text between the quotes (no inner groups); a regex's " +
            "unmatched optional groups are left out; a custom parameter type is named after its C# type, its regex anchored " +
            "(^…$), useForSnippets false, and its capture groups not reported",
            @"stepMatchArguments", @"^parameterType #");

        public static readonly KnownDifference ResultException = new(
            "Reqnroll puts the binding's exception (type, message, stack trace) on every step result that is not PASSED — " +
            "pending, skipped and ambiguous too — where the kit has none (pending, a skip without a reason) or a message " +
            "only (ambiguous), and drops a skip's reason",
            @"testStepResult: unexpected '(message|exception)'", @"testStepResult: missing 'message'");

        public static readonly KnownDifference HookOrder = new(
            "Reqnroll runs After hooks (AfterScenario, AfterTestRun) in declaration order; Cucumber runs them in reverse",
            @"hookId: expected id", @"^testCase #\d+\.testSteps", @"^testStep(Started|Finished)");

        public static readonly KnownDifference StopsAtFirstHookFailure = new(
            "Reqnroll runs no further hook of the same kind after one fails (Cucumber runs all BeforeAll/AfterAll hooks), and a " +
            "failing BeforeTestRun hook ends the run before any feature is announced (the kit still reports the " +
            "features and pickles)",
            @"^testRunHook(Started|Finished)", @"^(source|gherkinDocument|pickle|testCase|testCaseStarted|testStepStarted|testStepFinished|testCaseFinished): expected \d+, got 0",
            @"^testRunFinished");

        public static readonly KnownDifference FileAttachmentsOnly = new(
            "Reqnroll 3.3.4 attaches files by path only (IReqnrollOutputHelper.AddAttachment): the attachment carries the " +
            "file's name, a testRunStartedId and an empty testRunHookStartedId; text or bytes with a media type, a renamed " +
            "file, a link and an attachment from a test-run hook have no Reqnroll counterpart",
            @"^attachment", @"^(source|gherkinDocument|pickle|testCase|testCaseStarted|testStepStarted|testStepFinished|testCaseFinished|testRunHookStarted|testRunHookFinished): expected \d+, got 0",
            @"^testRunFinished");

        public static readonly KnownDifference NoHookNames = new(
            "Reqnroll hooks have no name ([HookName] is this layer's)", @"^hook #\d+: missing 'name'");

        public static readonly KnownDifference NoRetry = new(
            "Reqnroll has no retry (the product keeps --retry on top of it): each pickle runs once, attempt 0",
            @"^testCase(Started|Finished)", @"^testStep(Started|Finished)", @"willBeRetried");

        public static readonly KnownDifference OneSnippet = new(
            "Reqnroll suggests one snippet per undefined step ({int} for 42); Cucumber one per candidate expression ({int} and {float})",
            @"^suggestion #\d+\.snippets");

        public static readonly KnownDifference UnknownParameterTypeIsBindingError = new(
            "a step definition using an undefined parameter type is a binding error in Reqnroll: its steps are AMBIGUOUS " +
            "(Reqnroll's BindingError) with the error, not UNDEFINED with a suggestion, and no undefinedParameterType message",
            @"^suggestion: expected", @"testStepResult", @"^undefinedParameterType", @"^testRunFinished");

        public static readonly KnownDifference FeaturesAnnouncedWhenStarted = new(
            "Reqnroll announces a feature (source, gherkinDocument, pickles, test cases) when it starts, so a run in reverse " +
            "order lists the features reversed; the kit lists them in file order",
            @"^(source|gherkinDocument|pickle|testCase) #");

        public static readonly KnownDifference SkippedStepsNotMatched = new(
            "Reqnroll does not match a step it skips (after a failed one) against the step definitions: an ambiguous step " +
            "there is listed in its test case with no definitions, and gets a snippet as if it were undefined",
            @"stepDefinitionIds: expected", @"stepMatchArgumentsLists: expected", @"^suggestion: expected");

        public static readonly KnownDifference UnmatchedOptionalGroupsLeftOut = new(
            "Reqnroll passes a regex step definition only the groups that matched: a method with a parameter for an optional " +
            "group that did not match fails with a parameter count mismatch (Cucumber passes null)",
            @"testStepResult", @"^testRunFinished");

        public static readonly KnownDifference FailedCaseFinishedLate = new(
            "Reqnroll holds back a failed test case's testCaseFinished until the feature ends (to know whether a retry plugin " +
            "runs it again), so it comes after later scenarios' messages",
            @"^testCaseFinished #\d+\.testCaseStartedId");
    }

    /// <summary>
    /// Samples whose messages differ from the kit under Reqnroll, each with why. Every problem the comparer reports for
    /// such a sample must be one its reasons explain, and a listed sample that matches fails the test.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, KnownDifference[]> KnownDifferences = new Dictionary<string, KnownDifference[]>
    {
        ["all-statuses"] = [Because.ArgumentGroups, Because.ResultException, Because.FailedCaseFinishedLate],
        ["ambiguous"] = [Because.ArgumentGroups, Because.ResultException],
        ["attachments"] = [Because.ArgumentGroups, Because.FileAttachmentsOnly, Because.ResultException],
        ["backgrounds"] = [Because.ArgumentGroups],
        ["cdata"] = [Because.ArgumentGroups],
        ["examples-tables"] = [Because.ArgumentGroups, Because.FailedCaseFinishedLate],
        ["examples-tables-attachment"] = [Because.FileAttachmentsOnly],
        ["examples-tables-undefined"] = [Because.ArgumentGroups],
        ["examples-tables-undefined-multiple"] = [Because.ArgumentGroups],
        ["failedish-combinations"] = [Because.ArgumentGroups, Because.ResultException, Because.SkippedStepsNotMatched, Because.FailedCaseFinishedLate],
        ["global-hooks"] = [Because.HookOrder],
        ["global-hooks-afterall-error"] = [Because.StopsAtFirstHookFailure, Because.HookOrder],
        ["global-hooks-attachments"] = [Because.FileAttachmentsOnly],
        ["global-hooks-beforeall-error"] = [Because.StopsAtFirstHookFailure, Because.HookOrder],
        ["hooks-attachment"] = [Because.FileAttachmentsOnly],
        ["hooks-conditional"] = [Because.FailedCaseFinishedLate],
        ["hooks-named"] = [Because.NoHookNames],
        ["hooks-skipped"] = [Because.HookOrder, Because.StopsAtFirstHookFailure, Because.ResultException],
        ["minimal"] = [Because.ArgumentGroups],
        ["multiple-features"] = [Because.ArgumentGroups],
        ["multiple-features-reversed"] = [Because.FeaturesAnnouncedWhenStarted, Because.ArgumentGroups],
        ["parameter-types"] = [Because.ArgumentGroups],
        ["pending"] = [Because.ResultException],
        ["regular-expression"] = [Because.ArgumentGroups, Because.UnmatchedOptionalGroupsLeftOut],
        ["retry"] = [Because.NoRetry],
        ["retry-ambiguous"] = [Because.ResultException],
        ["retry-pending"] = [Because.ResultException],
        ["rules"] = [Because.ArgumentGroups],
        ["rules-backgrounds"] = [Because.ArgumentGroups],
        ["skipped"] = [Because.ResultException],
        ["skipped-exception"] = [Because.ResultException],
        ["skipped-failing-hook"] = [Because.ResultException],
        ["undefined"] = [Because.OneSnippet],
        ["undefined-multiple"] = [Because.OneSnippet],
        ["unknown-parameter-type"] = [Because.UnknownParameterTypeIsBindingError],
    };

    public static IEnumerable<TestCaseData> Samples() =>
        CompatibilityKitTests.SampleNames.Select(s => new TestCaseData(s).SetName($"CCK on Reqnroll {s}"));

    [TestCaseSource(nameof(Samples))]
    public async Task Sample_matches_the_expected_messages_or_differs_for_its_listed_reason(string sample)
    {
        if (CompatibilityKitTests.OutOfScope.TryGetValue(sample, out var reason))
        {
            Assert.Ignore(reason);
        }

        var directory = Path.Combine(CompatibilityKitTests.KitFeatures, sample);
        var actual = await RunAsync(sample, directory);
        var expected = File.ReadAllLines(Path.Combine(directory, $"{sample}.ndjson")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var problems = MessageStreamComparer.CompareByType(expected, actual.Select(l => JsonNode.Parse(l)!.AsObject()).ToList());
        if (KnownDifferences.TryGetValue(sample, out var differences))
        {
            Assert.That(problems, Is.Not.Empty, $"{sample} now matches the kit on Reqnroll: take it off KnownDifferences");
            var unexplained = problems.Where(p => !differences.Any(d => d.Explains(p))).ToList();
            Assert.That(unexplained, Is.Empty,
                $"artifacts/cck-reqnroll/{sample}.ndjson differs from the kit in ways its listed reasons ({string.Join("; ", differences.Select(d => d.Reason))}) do not explain");
        }
        else
        {
            Assert.That(problems, Is.Empty, $"artifacts/cck-reqnroll/{sample}.ndjson differs from the kit:\n" + string.Join("\n", problems));
        }
    }

    [Test]
    public async Task Every_stream_Reqnroll_writes_is_valid_against_the_messages_schema()
    {
        var modules = Repository.NpmPackages("cck-npm", CompatibilityKitTests.Packages);
        var files = new List<string>();
        foreach (var sample in CompatibilityKitTests.SampleNames.Where(s => !CompatibilityKitTests.OutOfScope.ContainsKey(s)))
        {
            await RunAsync(sample, Path.Combine(CompatibilityKitTests.KitFeatures, sample));
            files.Add(Repository.Artifacts("cck-reqnroll", $"{sample}.ndjson"));
        }

        var script = Repository.Artifacts("cck-npm", "validate.mjs");
        await File.WriteAllTextAsync(script, CompatibilityKitTests.ValidatorScript);
        var (exitCode, output) = Repository.Run("node", $"\"{script}\" \"{Path.Combine(modules, "@cucumber", "messages", "messages.schema.json")}\" {string.Join(" ", files.Select(f => $"\"{f}\""))}", Repository.Root);
        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain($"{files.Count} files valid"));
    }

    [Test]
    public void Every_listed_sample_is_in_the_kit_and_in_scope() =>
        Assert.That(KnownDifferences.Keys.Where(s => !CompatibilityKitTests.SampleNames.Contains(s) || CompatibilityKitTests.OutOfScope.ContainsKey(s)), Is.Empty);

    /// <summary>The sample's glue: its Reqnroll port (<c>ReqnrollGlue.&lt;Sample&gt;</c>) where it has one, else <c>Glue.&lt;Sample&gt;</c>.</summary>
    internal static List<Type> GlueOf(string sample)
    {
        var types = typeof(CompatibilityKitTests).Assembly.GetTypes();
        var name = CompatibilityKitTests.Pascal(sample);
        var reqnroll = types.Where(t => t.Namespace == $"{typeof(CompatibilityKitTests).Namespace}.ReqnrollGlue.{name}").ToList();
        return reqnroll.Count > 0 ? reqnroll : [.. types.Where(t => t.Namespace == $"{typeof(CompatibilityKitTests).Namespace}.Glue.{name}")];
    }

    /// <summary>
    /// Runs a sample as a host of Reqnroll's runtime does: the features in file order (reversed for the sample's
    /// <c>--order reverse</c>: the host chooses the order), each pickle once through the driver (Reqnroll has no retry).
    /// </summary>
    private static async Task<List<string>> RunAsync(string sample, string directory)
    {
        var ids = new IncrementingIdGenerator();
        var features = Directory.EnumerateFiles(directory, "*.feature").Order(StringComparer.Ordinal)
            .Select(f => FeatureSource.Parse(File.ReadAllText(f), f, $"samples/{sample}/{Path.GetFileName(f)}", ids))
            .ToList();
        var arguments = File.Exists(Path.Combine(directory, $"{sample}.arguments.txt"))
            ? File.ReadAllText(Path.Combine(directory, $"{sample}.arguments.txt")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            : [];
        var cases = features.SelectMany(f => f.Pickles.Select(p => (Feature: f, Pickle: p))).ToList();
        if (CompatibilityKitTests.OptionValue(arguments, "--order") == "reverse")
        {
            cases.Reverse();
        }

        var glue = GlueOf(sample);
        var collector = new ReqnrollMessageCollector();
        try
        {
            await using var run = await ReqnrollTestRun.StartAsync(
                typeof(ReqnrollCompatibilityKitTests).Assembly, glue, [new SkipAwareRuntimePlugin(), collector],
                configure: c => c.RegisterInstanceAs(new CompatibilitySample(directory)));
            foreach (var (feature, pickle) in cases)
            {
                await run.Driver.RunAsync(feature, pickle);
            }
        }
#pragma warning disable CA1031 // a failing test-run hook is part of what some samples check; the stream records it
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            TestContext.Out.WriteLine($"The run ended with {e.GetType().Name}: {e.Message}");
        }

        var lines = collector.Envelopes.Select(MessageJson.Serialize).ToList();
        Directory.CreateDirectory(Repository.Artifacts("cck-reqnroll"));
        await File.WriteAllLinesAsync(Repository.Artifacts("cck-reqnroll", $"{sample}.ndjson"), lines);
        return lines;
    }
}

/// <summary>A reason a sample's messages differ under Reqnroll, and the comparer's problem lines it explains (regular expressions).</summary>
public sealed class KnownDifference(string reason, params string[] problemPatterns)
{
    public string Reason { get; } = reason;

    public bool Explains(string problem) =>
        problemPatterns.Any(p => System.Text.RegularExpressions.Regex.IsMatch(problem, p, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));
}
