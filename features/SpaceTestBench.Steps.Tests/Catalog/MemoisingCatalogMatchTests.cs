using System.Collections.Specialized;
using System.Globalization;
using Reqnroll;
using Reqnroll.Bindings;
using Reqnroll.ErrorHandling;
using Reqnroll.Infrastructure;
using SpaceTestBench.Gherkin.Runtime;
using SpaceTestBench.StepMatching.Tests;
using SpaceTestBench.Steps.Catalog;
using StepDefinitionType = Reqnroll.Bindings.StepDefinitionType;

namespace SpaceTestBench.Steps.Tests.Catalog;

/// <summary>
/// On the whole step catalog, the product runtime's remembering matcher (<see cref="MemoisingStepDefinitionMatchService"/>)
/// gives Reqnroll's own matcher's answers over the same binding registry: every example (with its doc string or table),
/// and every example's text with a word added (no definition matches it), in two scenarios of two features, each asked
/// after the other scenario's answers were remembered.
/// </summary>
[NonParallelizable]
public sealed class MemoisingCatalogMatchTests
{
    private static readonly CultureInfo BindingCulture = CultureInfo.GetCultureInfo("en-US");

    [Test]
    public async Task The_remembering_matcher_answers_every_catalog_step_as_Reqnrolls_own_matcher()
    {
        var catalog = StepCatalog.Build();
        await using var runtime = new Gherkin.Runtime.ReqnrollRuntime(catalog.BindingAssemblies);
        var services = runtime.BindingServices();
        var memo = services.Resolve<IStepDefinitionMatchService>();
        Assert.That(memo, Is.InstanceOf<MemoisingStepDefinitionMatchService>(), "the product's runtime plugin registers it");
        var reqnroll = new StepDefinitionMatchService(
            services.Resolve<IBindingRegistry>(), services.Resolve<IStepArgumentTypeConverter>(), services.Resolve<IErrorProvider>(), services.Resolve<IMatchArgumentCalculator>());

        StepContext[] contexts = [Context("Power-on", "Nominal supply", "power"), Context("Thermal cycling", "Condition B", "thermal", "slow")];
        var differences = new List<string>();
        var compared = 0;
        foreach (var context in contexts)
        {
            foreach (var step in catalog.Steps)
            {
                foreach (var line in step.Examples)
                {
                    var (keyword, text) = StepCatalog.SplitExample(line);
                    var type = keyword ?? StepDefinitionType.Then;
                    var docString = step.Block == StepArgumentBlock.DocString ? "text" : null;
                    var table = step.Block == StepArgumentBlock.DataTable ? ReqnrollRuntimeCatalogTests.ToTable(step) : null;
                    foreach (var asked in new[] { text, text + " again" })
                    {
                        compared++;
                        var instance = new StepInstance(type, (StepDefinitionKeyword)type, $"{type} ", asked, docString, table, context);
                        if (MatchComparison.Differences(reqnroll, memo, instance, BindingCulture) is { } difference)
                        {
                            differences.Add($"{context.ScenarioTitle}: {difference}");
                        }
                    }
                }
            }
        }

        Assert.That(compared, Is.GreaterThan(400));
        Assert.That(differences, Is.Empty);
    }

    private static StepContext Context(string feature, string scenario, params string[] tags) =>
        new(new FeatureInfo(BindingCulture, "", feature, null, ProgrammingLanguage.CSharp, []), new ScenarioInfo(scenario, null, tags, new OrderedDictionary()));
}
