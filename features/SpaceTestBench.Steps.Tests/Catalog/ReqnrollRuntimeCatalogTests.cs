using System.Globalization;
using Reqnroll;
using Reqnroll.Bindings;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;
using Gherkin.CucumberMessages;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.NUnit.Runtime;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Running;
using SpaceTestBench.Testing;
using StepDefinitionType = Reqnroll.Bindings.StepDefinitionType;

[assembly: RuntimePlugin(typeof(NUnitRuntimePlugin))]

namespace SpaceTestBench.Steps.Tests.Catalog;

/// <summary>
/// The step catalog as Reqnroll's own runtime sees it (Reqnroll 3.3.4, started here as a vendor's Reqnroll test
/// project would start it, with the catalog named as an external binding assembly in reqnroll.json): its
/// binding discovery accepts every binding, its matcher binds every catalog example to that example's own
/// step (its method, and of the method's expressions the one the catalog lists it under) and no other, and its argument converter turns every argument into the parameter's type. These
/// are the preconditions for executing the catalog through <c>ITestRunner</c> (issue 16) and for a vendor's
/// Reqnroll project to use the catalog.
/// </summary>
[NonParallelizable]
public sealed class ReqnrollRuntimeCatalogTests
{
    private static readonly StepCatalog Catalog = StepCatalog.Build();
    private static readonly CultureInfo BindingCulture = CultureInfo.GetCultureInfo("en-US");
    private ITestRunner _runner = null!;

    [OneTimeSetUp]
    public async Task StartReqnrollAsync()
    {
        await TestRunnerManager.OnTestRunStartAsync(typeof(ReqnrollRuntimeCatalogTests).Assembly);
        _runner = TestRunnerManager.GetTestRunnerForAssembly(typeof(ReqnrollRuntimeCatalogTests).Assembly);
    }

    [OneTimeTearDown]
    public async Task EndReqnrollAsync()
    {
        TestRunnerManager.ReleaseTestRunner(_runner);
        await TestRunnerManager.OnTestRunEndAsync(typeof(ReqnrollRuntimeCatalogTests).Assembly);
    }

    private T Resolve<T>() where T : class => _runner.TestThreadContext.TestThreadContainer.Resolve<T>();

    [Test]
    public void Reqnrolls_binding_discovery_accepts_every_binding_of_the_catalog()
    {
        var registry = Resolve<IBindingRegistry>();

        Assert.That(registry.GetErrorMessages().Select(e => e.Message), Is.Empty);
        var catalogMethods = Catalog.Steps.Select(s => s.MethodName).ToHashSet(StringComparer.Ordinal);
        var found = registry.GetStepDefinitions().Select(d => $"{d.Method.Type.FullName}.{d.Method.Name}").ToHashSet(StringComparer.Ordinal);
        Assert.That(catalogMethods.Except(found), Is.Empty, "catalog steps Reqnroll does not discover");
    }

    [Test]
    public void Reqnroll_converts_every_documented_parameter_type_with_the_transformation_the_catalog_documents()
    {
        // Reqnroll's converter picks a transformation by the method parameter's type (then by its regex): a documented
        // {voltage} reaches the voltage transformation only if that is the one transformation to its type.
        var transformationsTo = Resolve<IBindingRegistry>().GetStepTransformations()
            .Where(t => t.Method is Reqnroll.Bindings.Reflection.RuntimeBindingMethod)
            .GroupBy(t => ((Reqnroll.Bindings.Reflection.RuntimeBindingType)t.Method.ReturnType).Type)
            .ToDictionary(g => g.Key, g => g.Select(t => ((Reqnroll.Bindings.Reflection.RuntimeBindingMethod)t.Method).MethodInfo).Distinct().ToList());
        var documented = Catalog.ParameterTypes.Where(p => p.Transformation is not null).ToList();
        Assert.That(documented, Has.Count.GreaterThan(25));

        var wrong = documented
            .Where(p => !transformationsTo.TryGetValue(p.Type, out var methods) || methods.Count != 1 || methods[0] != p.Transformation)
            .Select(p => $"{p.Placeholder} ({p.Type.Name}, {p.Transformation!.Name}): Reqnroll converts to {p.Type.Name} with " +
                         $"[{string.Join(", ", transformationsTo.GetValueOrDefault(p.Type, []).Select(m => $"{m.DeclaringType?.Name}.{m.Name}"))}]")
            .ToList();
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public async Task Reqnrolls_matcher_binds_every_catalog_example_to_its_own_method_and_its_converter_converts_every_argument()
    {
        var matcher = Resolve<IStepDefinitionMatchService>();
        var converter = Resolve<IStepArgumentTypeConverter>();
        var feature = new FeatureInfo(BindingCulture, "", "Every example of the step catalog", null, ProgrammingLanguage.CSharp, []);
        var wrong = new List<string>();
        var checkedExamples = 0;
        foreach (var step in Catalog.Steps)
        {
            foreach (var line in step.Examples)
            {
                checkedExamples++;
                var (keyword, text) = StepCatalog.SplitExample(line);
                var type = keyword ?? StepDefinitionType.Then;
                var instance = new StepInstance(type, (StepDefinitionKeyword)type, $"{type} ", text,
                    step.Block == StepArgumentBlock.DocString ? "text" : null,
                    step.Block == StepArgumentBlock.DataTable ? ToTable(step) : null,
                    new StepContext(feature, new ScenarioInfo(line, null, [], new System.Collections.Specialized.OrderedDictionary())));

                var match = matcher.GetBestMatch(instance, BindingCulture, out var ambiguity, out var candidates);
                if (!match.Success)
                {
                    wrong.Add($"\"{line}\" ({step.MethodName}): no match ({ambiguity}; candidates: {string.Join(", ", candidates.Select(c => c.StepBinding.Method.Name))})");
                    continue;
                }

                var method = $"{match.StepBinding.Method.Type.FullName}.{match.StepBinding.Method.Name}";
                if (method != step.MethodName)
                {
                    wrong.Add($"\"{line}\" ({step.MethodName}) matches {method}");
                    continue;
                }

                if (Catalog.StepOf(match.StepBinding) != step)
                {
                    wrong.Add($"\"{line}\" ({step.MethodName}: {step.Expression}) matches its method's other expression \"{match.StepBinding.SourceExpression}\"");
                    continue;
                }

                var parameters = match.StepBinding.Method.Parameters.ToList();
                if (parameters.Count != match.Arguments.Length)
                {
                    wrong.Add($"\"{line}\" ({step.MethodName}): {match.Arguments.Length} arguments for {parameters.Count} parameters");
                    continue;
                }

                for (var i = 0; i < parameters.Count; i++)
                {
                    try
                    {
                        var value = await converter.ConvertAsync(match.Arguments[i].Value, parameters[i].Type, BindingCulture);
                        var expected = step.Method.GetParameters()[i].ParameterType;
                        if (value is not null && !expected.IsInstanceOfType(value))
                        {
                            wrong.Add($"\"{line}\" ({step.MethodName}): argument {i + 1} converts to {value.GetType().Name}, not {expected.Name}");
                        }
                    }
#pragma warning disable CA1031 // every failing conversion is reported, not only the first
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        wrong.Add($"\"{line}\" ({step.MethodName}): argument {i + 1} ('{match.Arguments[i].Value}') does not convert to {parameters[i].Type.Name}: {e.Message}");
                    }
                }
            }
        }

        Assert.That(checkedExamples, Is.GreaterThan(100));
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Reqnrolls_runtime_starts_with_the_products_NUnit_provider_which_maps_pending_and_ignored_to_NUnit()
    {
        var provider = Resolve<IUnitTestRuntimeProvider>();

        Assert.That(provider, Is.InstanceOf<NUnitRuntimeProvider>(), "the runtime plugin registers and selects it");
        Assert.That(() => provider.TestPending("pending step"), Throws.InstanceOf<InconclusiveException>().With.Message.EqualTo("pending step"));
        Assert.That(() => provider.TestInconclusive("why"), Throws.InstanceOf<InconclusiveException>());
        Assert.That(() => provider.TestIgnore("@ignore"), Throws.InstanceOf<IgnoreException>());
        Assert.That(provider.DetectExecutionStatus(new IgnoreException("x")), Is.EqualTo(ScenarioExecutionStatus.Skipped));
        Assert.That(provider.DetectExecutionStatus(new InconclusiveException("x")), Is.EqualTo(ScenarioExecutionStatus.Skipped));
        Assert.That(provider.DetectExecutionStatus(new InvalidOperationException("x")), Is.Null, "anything else is a failure");
    }

    [Test]
    public async Task A_catalog_feature_runs_on_the_simulated_bench_through_Reqnrolls_ITestRunner_recorded_by_the_campaigns_listeners()
    {
        await using var campaign = await Campaign.OpenAsync(
            TestRepository.Path("benches/simulated.bench.json"), TestRepository.ScratchFolder("reqnroll-runtime"), "dotnet test", null, CancellationToken.None);
        campaign.Register(_runner.TestThreadContext.TestThreadContainer);
        var feature = FeatureSource.Parse("""
            Feature: Bench time on Reqnroll's runtime
              Scenario: The bench waits
                Given the bench waits 10 min
                When the bench waits 100 ms for the supply to settle
            """.ReplaceLineEndings("\n"), "reqnroll.feature", "features/reqnroll.feature", new IncrementingIdGenerator());
        var pickle = feature.Pickles[0];
        var listeners = new CampaignListeners(campaign.Listeners, new TestCaseInfo(feature, pickle, null, feature.LineOf(pickle)));
        var driver = new ReqnrollScenarioDriver(_runner, listeners);
        var started = campaign.Bench.Clock.GetUtcNow();

        var result = await driver.RunAsync(feature, pickle);
        await driver.FinishFeatureAsync();

        // Reqnroll ran the catalog's steps and hooks (SafetyHooks, ResumeHooks, DutSupplySteps, StepJudge, ScenarioJudge)
        // on its own context with the campaign's bench and recorder from its test-thread container; the campaign's
        // listeners recorded the scenario, and the steps moved the simulated bench's virtual clock by what they asked for.
        Assert.That(result.Status, Is.EqualTo(TestStatus.Passed), result.Error?.ToString());
        Assert.That(listeners.Context, Is.InstanceOf<Reqnroll.ScenarioContext>());
        Assert.That(ScenarioJudge.Of(listeners.Context!), Is.Not.Null, "ScenarioJudge judged the scenario from its recorded results");
        Assert.That(ResultsListener.RecordedOf(listeners.Context!)?.Verdict, Is.EqualTo(Results.Verdict.Pass));
        Assert.That(campaign.Bench.Clock.GetUtcNow() - started, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public async Task A_campaigns_runner_executes_its_scenarios_on_Reqnrolls_runtime_with_the_plans_messages()
    {
        var collector = new SpaceTestBench.Gherkin.Messages.MessageCollector();
        var seen = new StackSeen();
        var ids = new IncrementingIdGenerator();
        await using var campaign = await Campaign.OpenAsync(
            TestRepository.Path("benches/simulated.bench.json"), TestRepository.ScratchFolder("reqnroll-campaign"), "dotnet test",
            new CampaignSettings { Progress = seen, Options = new TestRunnerOptions { Ids = ids, Messages = collector } }, CancellationToken.None);
        var feature = FeatureSource.Parse("""
            Feature: The campaign's runner on Reqnroll's runtime
              Scenario: The bench waits
                Given the bench waits 10 min
                When the bench waits 100 ms for the supply to settle
            """.ReplaceLineEndings("\n"), "campaign.feature", "features/campaign.feature", ids);

        var planned = await campaign.Runner.StartAsync([feature]);
        var result = await campaign.Runner.RunAsync(feature, planned[0].Pickle);
        await campaign.Runner.FinishAsync();

        // The listeners were called from inside Reqnroll's execution engine, with Reqnroll's scenario context.
        Assert.That(campaign.Runner.RunsOnReqnroll, Is.True);
        Assert.That(result.Status, Is.EqualTo(TestStatus.Passed), result.Message);
        Assert.That(seen.Context, Is.InstanceOf<ScenarioContext>());
        Assert.That(seen.Stack, Does.Contain("Reqnroll.Infrastructure.TestExecutionEngine"));
        Assert.That(result.Steps.Select(s => s.Status), Is.EqualTo(new[] { TestStatus.Passed, TestStatus.Passed }));
        Assert.That(result.Hooks.Select(h => h.Hook.Method.Name), Does.Contain(nameof(SafetyHooks.BeginScenario)).And.Contain(nameof(ScenarioJudge.JudgeScenario)));

        // Every planned step (pickle steps and scenario hooks) started and finished once, with the plan's ids.
        var messages = collector.Envelopes;
        var testCase = messages.Select(m => m.TestCase).Single(t => t is not null);
        var startedSteps = messages.Where(m => m.TestStepStarted is not null).Select(m => m.TestStepStarted.TestStepId).ToList();
        var finishedSteps = messages.Where(m => m.TestStepFinished is not null).Select(m => m.TestStepFinished.TestStepId).ToList();
        Assert.That(startedSteps, Is.EquivalentTo(testCase.TestSteps.Select(s => s.Id)));
        Assert.That(finishedSteps, Is.EquivalentTo(startedSteps));
        Assert.That(messages.Count(m => m.TestCaseFinished is not null), Is.EqualTo(1));
        Assert.That(ResultsListener.RecordedOf(seen.Context!)?.Verdict, Is.EqualTo(Results.Verdict.Pass));
    }

    private sealed class StackSeen : IRunListener
    {
        public IScenarioContext? Context { get; private set; }

        public string Stack { get; private set; } = "";

        public void TestCaseStarted(TestCaseInfo testCase, IScenarioContext context)
        {
            Context = context;
            Stack = Environment.StackTrace;
        }
    }

    /// <summary>The campaign's run listeners told of a scenario Reqnroll runs (as the runner's own bridge, <c>ReqnrollTestCaseRun</c>, does).</summary>
    private sealed class CampaignListeners(IRunListener listeners, TestCaseInfo testCase) : IReqnrollRunListener
    {
        private readonly List<StepResult> _steps = [];

        public IScenarioContext? Context { get; private set; }

        public void ScenarioStarted(ScenarioContext scenario)
        {
            Context = scenario;
            listeners.TestCaseStarted(testCase, scenario);
        }

        public void StepStarted(int index, ScenarioContext scenario, ScenarioStepContext stepContext) => listeners.StepStarted(testCase, index, scenario);

        public void StepFinished(int index, ScenarioContext scenario, ScenarioExecutionStatus status, Exception? stepError)
        {
            var step = testCase.Pickle.Steps[index];
            var node = testCase.Feature.Node(step.AstNodeIds[0]);
            var result = new StepResult(index, step, node.Keyword, node.Line, ReqnrollScenarioDriver.ToTestStatus(status, stepError), TimeSpan.Zero, stepError, stepError?.Message, []);
            _steps.Add(result);
            listeners.StepFinished(testCase, result, scenario);
        }

        public void ScenarioFinished(ScenarioContext scenario) => listeners.TestCaseFinished(
            new TestCaseResult(testCase, ReqnrollScenarioDriver.ToTestStatus(scenario.ScenarioExecutionStatus, scenario.TestError), _steps, scenario.TestError?.Message, TimeSpan.Zero),
            scenario);
    }

    /// <summary>A catalog example's table as Reqnroll's <see cref="Table"/> (also read by <see cref="MemoisingCatalogMatchTests"/>).</summary>
    internal static Table ToTable(CatalogStep step)
    {
        var rows = step.ExampleTable.Select(r => r.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray()).ToList();
        if (rows.Count == 0)
        {
            return new Table("value");
        }

        var table = new Table(rows[0]);
        foreach (var row in rows.Skip(1))
        {
            table.AddRow(row);
        }

        return table;
    }
}
