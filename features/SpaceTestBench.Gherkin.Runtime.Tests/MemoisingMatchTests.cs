using System.Collections.Specialized;
using System.Globalization;
using Reqnroll;
using Reqnroll.Bindings;
using Reqnroll.ErrorHandling;
using Reqnroll.Infrastructure;
using SpaceTestBench.Gherkin.Runtime;
using SpaceTestBench.StepMatching.Tests;

namespace SpaceTestBench.ReqnrollRuntime.Tests;

/// <summary>
/// <see cref="MemoisingStepDefinitionMatchService"/> gives Reqnroll's own answers (<see cref="StepDefinitionMatchService"/>
/// over the same registry): the same best match, scope matches, arguments, ambiguity reason and candidates, for scoped and
/// unscoped definitions, steps with a doc string or a table, texts whose argument check fails, and steps in or out of
/// scope, asked in contexts that alternate so every remembered answer is asked again from another feature, scenario and
/// tag set.
/// </summary>
[NonParallelizable]
public sealed class MemoisingMatchTests
{
    private static readonly CultureInfo BindingCulture = CultureInfo.GetCultureInfo("en-US");

    [Test]
    public async Task The_memoising_matcher_gives_Reqnrolls_answers_for_scoped_and_unscoped_steps_in_every_context()
    {
        await using var runtime = new SpaceTestBench.Gherkin.Runtime.ReqnrollRuntime([typeof(MemoGlue)]);
        var services = runtime.BindingServices();
        Assert.That(services.Resolve<IStepDefinitionMatchService>(), Is.InstanceOf<MemoisingStepDefinitionMatchService>(), "the product's runtime plugin registers it");
        var registry = services.Resolve<IBindingRegistry>();
        var converter = services.Resolve<IStepArgumentTypeConverter>();
        var errors = services.Resolve<IErrorProvider>();
        var calculator = services.Resolve<IMatchArgumentCalculator>();
        var reqnroll = new StepDefinitionMatchService(registry, converter, errors, calculator);
        var memo = new MemoisingStepDefinitionMatchService(registry, converter, errors, calculator);

        StepContext?[] contexts =
        [
            Context("Vault", "Soak", "hot"),
            Context("Lab", "Soak", "hot"),
            Context("Lab", "Other"),
            Context("Vault", "Other", "cold", "hot"),
            Context("vault", "soak", "HOT"),
            null,
        ];
        (StepDefinitionType Type, string Text, string? DocString, Table? Table)[] steps =
        [
            (StepDefinitionType.Given, "the memo supply is at 12 mV", null, null),
            (StepDefinitionType.Given, "the memo supply is at 13 mV", null, null),
            (StepDefinitionType.Given, "the memo chamber is at 40 degrees", null, null),
            (StepDefinitionType.Given, "the memo count is 12", null, null),
            (StepDefinitionType.Given, "the memo count is twelve", null, null),
            (StepDefinitionType.Given, "no memo binding reads this", null, null),
            (StepDefinitionType.When, "the memo door opens", null, null),
            (StepDefinitionType.When, "the memo supply is at 12 mV", null, null),
            (StepDefinitionType.Then, "the memo result is 7", null, null),
            (StepDefinitionType.Then, "the memo result is seven", null, null),
            (StepDefinitionType.Then, "the memo log reads:", "first line", null),
            (StepDefinitionType.Then, "the memo log reads:", "second line", null),
            (StepDefinitionType.Then, "the memo table has 2 rows", null, Table("a", "b")),
            (StepDefinitionType.Then, "the memo table has 2 rows", null, Table("c")),
        ];

        var compared = 0;
        var differences = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var context in contexts)
            {
                foreach (var (type, text, docString, table) in steps)
                {
                    var instance = new StepInstance(type, (StepDefinitionKeyword)type, $"{type} ", text, docString, table, context);
                    compared++;
                    if (MatchComparison.Differences(reqnroll, memo, instance, BindingCulture) is { } difference)
                    {
                        differences.Add($"round {round}, {context?.FeatureTitle}/{context?.ScenarioTitle} [{string.Join(" ", context?.Tags ?? [])}]: {difference}");
                    }
                }
            }
        }

        Assert.That(compared, Is.EqualTo(3 * 6 * 14));
        Assert.That(differences, Is.Empty);
    }

    [Test]
    public async Task The_memoising_matcher_picks_the_most_specific_scope_where_Reqnroll_does()
    {
        await using var runtime = new SpaceTestBench.Gherkin.Runtime.ReqnrollRuntime([typeof(MemoGlue)]);
        var matcher = runtime.BindingServices().Resolve<IStepDefinitionMatchService>();

        string? Method(StepContext? context)
        {
            var step = new StepInstance(StepDefinitionType.Given, StepDefinitionKeyword.Given, "Given ", "the memo chamber is at 40 degrees", context);
            var match = matcher.GetBestMatch(step, BindingCulture, out _, out _);
            return match.Success ? match.StepBinding.Method.Name : null;
        }

        // Asked twice each, in turn, so the second answer is the remembered one.
        for (var i = 0; i < 2; i++)
        {
            Assert.That(Method(Context("Vault", "Soak", "hot")), Is.EqualTo(nameof(MemoGlue.ChamberHotSoak)));
            Assert.That(Method(Context("Vault", "Other", "hot")), Is.EqualTo(nameof(MemoGlue.ChamberHot)));
            Assert.That(Method(Context("Vault", "Other")), Is.EqualTo(nameof(MemoGlue.Chamber)));
        }
    }

    private static StepContext Context(string feature, string scenario, params string[] tags) =>
        new(new FeatureInfo(BindingCulture, "", feature, null, ProgrammingLanguage.CSharp, []), new ScenarioInfo(scenario, null, tags, new OrderedDictionary()));

    private static Table Table(params string[] header)
    {
        var table = new Table(header);
        table.AddRow([.. header.Select(h => h + "1")]);
        table.AddRow([.. header.Select(h => h + "2")]);
        return table;
    }
}

/// <summary>Glue with scoped and unscoped definitions of the same text, argument checks, a doc string and a table.</summary>
[Binding]
public sealed class MemoGlue
{
    [Given("the memo supply is at {int} mV")]
    [When("the memo supply is at {int} mV")]
    public void Supply(int millivolts) => _ = millivolts;

    [Given("the memo chamber is at {int} degrees")]
    public void Chamber(int degrees) => _ = degrees;

    [Given("the memo chamber is at {int} degrees")]
    [Scope(Tag = "hot")]
    public void ChamberHot(int degrees) => _ = degrees;

    [Given("the memo chamber is at {int} degrees")]
    [Scope(Tag = "hot", Scenario = "Soak")]
    public void ChamberHotSoak(int degrees) => _ = degrees;

    [Given(@"the memo count is (\w+)")]
    public void Count(int count) => _ = count;

    [When("the memo door opens")]
    [Scope(Feature = "Vault")]
    public void DoorOpens()
    {
    }

    [Then(@"the memo result is (\w+)")]
    public void Result(int result) => _ = result;

    [Then("the memo log reads:")]
    public void Log(string text) => _ = text;

    [Then("the memo table has {int} rows")]
    public void Rows(int rows, Table table) => _ = (rows, table);
}
