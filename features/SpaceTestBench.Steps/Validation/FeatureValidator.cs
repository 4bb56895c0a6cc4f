using Gherkin.CucumberMessages;
using Io.Cucumber.Messages.Types;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Steps.Catalog;

namespace SpaceTestBench.Steps.Validation;

/// <summary>What checking feature files found.</summary>
/// <param name="Problems">Every problem, by file and line.</param>
/// <param name="Features">How many feature files were checked.</param>
/// <param name="Scenarios">How many scenarios (outline rows counted one by one).</param>
/// <param name="Steps">How many steps, counted per scenario.</param>
public sealed record ValidationReport(IReadOnlyList<ValidationProblem> Problems, int Features, int Scenarios, int Steps);

/// <summary>
/// Checks feature files against the step catalog and a bench file without opening any instrument: a dry run
/// of the Gherkin layer (which matches every step and converts its arguments, executing nothing) finds
/// undefined and ambiguous steps and arguments that do not convert; the matched steps' [RequiresRole]s,
/// checked against the bench file's roles and the driver catalogue, find roles the bench lacks.
/// </summary>
/// <param name="catalog">The step catalog (its bindings are the ones matched).</param>
/// <param name="bench">The bench file the features are meant to run on.</param>
public sealed class FeatureValidator(StepCatalog catalog, BenchDefinition bench)
{
    /// <summary>
    /// The Reqnroll runtime whose binding registry the dry run matches with, shared with the run that follows
    /// (<c>spacebench run</c>), or null for one of the check's own.
    /// </summary>
    public Gherkin.Runtime.ReqnrollRuntime? Reqnroll { get; init; }

    /// <summary>
    /// Parses <paramref name="files"/> (their URIs relative to <paramref name="featuresRoot"/>) and checks the
    /// scenarios <paramref name="select"/> accepts (all by default). A file that does not parse is reported
    /// with its syntax errors; the others are checked all the same.
    /// </summary>
    public async Task<ValidationReport> ValidateAsync(IReadOnlyList<string> files, string featuresRoot, Func<Pickle, bool>? select = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var ids = new IncrementingIdGenerator();
        var features = new List<FeatureSource>();
        var syntax = new List<ValidationProblem>();
        foreach (var file in files)
        {
            try
            {
                features.Add(FeatureSource.Load(file, featuresRoot, ids));
            }
            catch (GherkinParseException e)
            {
                syntax.AddRange(e.Errors.Select(error => new ValidationProblem(ValidationProblemKind.Syntax, error.File, error.Line, "", error.Message) { Column = error.Column }));
            }
        }

        IReadOnlyList<TestCaseResult> results;
        await using (var runner = new TestRunner(BindingSource.FromAssemblies([.. catalog.BindingAssemblies]), null, new TestRunnerOptions { DryRun = true, Ids = ids, Reqnroll = Reqnroll }))
        {
            results = await runner.RunAllAsync(features, select, cancellationToken).ConfigureAwait(false);
        }

        var problems = new List<ValidationProblem>(syntax);
        var seen = new HashSet<(ValidationProblemKind, string, int, string)>();
        foreach (var result in results)
        {
            var testCase = result.TestCase;
            int? row = testCase.Pickle.AstNodeIds.Count > 1 ? testCase.Line : null;
            foreach (var step in result.Steps)
            {
                foreach (var problem in ProblemsOf(step, testCase.Feature.Path))
                {
                    // A Background step is checked once per scenario, an outline step once per row: report each problem once.
                    if (seen.Add((problem.Kind, problem.File, problem.Line, problem.Kind == ValidationProblemKind.Role ? problem.Message : problem.Step + problem.Message)))
                    {
                        problems.Add(problem with { ExampleRow = problem.Kind == ValidationProblemKind.Role ? null : row });
                    }
                }
            }
        }

        var ordered = problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Kind).ToList();
        return new ValidationReport(ordered, files.Count, results.Count, results.Sum(r => r.Steps.Count));
    }

    private IEnumerable<ValidationProblem> ProblemsOf(StepResult step, string file)
    {
        var text = $"{step.Keyword.Trim()} {step.Step.Text}";
        switch (step.Status)
        {
            case TestStatus.Undefined:
                yield return new ValidationProblem(ValidationProblemKind.Undefined, file, step.Line, text, catalog.Nearest(step.Step.Text) is { } nearest
                    ? $"no step of the catalog matches it; the nearest is \"{nearest.Step.Pattern}\", for example \"{nearest.Example}\"."
                    : "no step of the catalog matches it, nor reads like it; `spacebench steps` lists them all.");
                break;
            case TestStatus.Ambiguous:
                yield return new ValidationProblem(ValidationProblemKind.Ambiguous, file, step.Line, text,
                    $"it matches {string.Join(" and ", step.Bindings.Select(b => $"\"{catalog.StepOf(b).Pattern}\" ({b.MethodName()})"))}; reword it to match one.");
                break;
            case TestStatus.Failed:
                // In a dry run only the conversion of arguments can fail; its inner message says what was written and what the step needs.
                yield return new ValidationProblem(ValidationProblemKind.Argument, file, step.Line, text, step.Error?.InnerException?.Message ?? step.Message ?? "");
                break;
        }

        if (step.Bindings.Count != 1)
        {
            yield break;
        }

        foreach (var need in RoleRequirement.Of(step.Bindings[0].MethodInfo()).Where(r => !r.Optional))
        {
            if (RoleMissing(need) is { } message)
            {
                yield return new ValidationProblem(ValidationProblemKind.Role, file, step.Line, text, message);
            }
        }
    }

    /// <summary>Why the bench does not meet <paramref name="need"/>, or null if it does.</summary>
    private string? RoleMissing(RoleRequirement need)
    {
        var where = $"the bench '{bench.Name}' ({bench.File})";
        if (!bench.Roles.TryGetValue(need.Role, out var role))
        {
            var what = BenchRoles.TryGet(need.Role, out var kind) ? $" ({kind.Description})" : "";
            return $"it needs the {need.Role} role{what}, and {where} has none; its roles: {string.Join(", ", bench.Roles.Keys)}.";
        }

        if (need.Capability is { } capability && !bench.RoleProvides(need.Role, capability))
        {
            var instrument = bench.Instruments[role.InstrumentId];
            return $"it needs the {need.Role} to be {BenchRoles.Describe(capability)}, and on {where} it is the {instrument.Model} ('{instrument.Id}'), which is not one.";
        }

        return null;
    }
}
