using System.Xml.Linq;
using Gherkin.CucumberMessages;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.NUnit;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Running;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// <c>dotnet test</c> fails exactly when <c>spacebench run</c> does, on the same scenarios: the same features on the
/// same bench and DUT, once through <c>spacebench run</c> and once the way the NUnit adapter runs them
/// (<see cref="FeatureTests{TSuite}"/>: the bench runner, then <see cref="ScenarioOutcome"/> with the conformance
/// suites' <see cref="MissingStepOutcome.Error"/>), give each scenario the same verdict, and NUnit passes exactly the
/// scenarios whose verdict is Pass.
/// </summary>
public sealed class VerdictAgreementTests
{
    // Power-on passes on the commercial part, inrush and every link scenario fail on it (its 6 cm, 2 W OOK terminal does not
    // close the budget at these ranges): the features discriminate.
    private static readonly string[] Features = ["features/power/power-on.feature", "features/power/inrush.feature", "features/link/optical-inter-satellite-link.feature"];

    [Test]
    public async Task Spacebench_run_and_the_NUnit_adapter_give_every_scenario_the_same_verdict_on_the_commercial_accelerator()
    {
        var dut = TestRepository.Path("fixtures/duts/cots-ai-accelerator.json");
        var cliFolder = Path.Combine(TestRepository.ScratchFolder("agreement-cli"), "run");
        var args = new List<string> { "run", "--dut", dut, "--out", cliFolder };
        foreach (var feature in Features)
        {
            args.AddRange(["--features", TestRepository.Path(feature)]);
        }

        var (exit, output) = await RunCommandTests.Spacebench([.. args]);
        var cli = VerdictPolicy.Judge(ResultStoreReader.Read(cliFolder));
        var junit = XDocument.Load(Path.Combine(cliFolder, "junit.xml")).Descendants("testcase")
            .ToDictionary(c => $"{c.Attribute("file")!.Value}:{c.Attribute("line")!.Value}", c => c.Element("failure") ?? c.Element("error"));

        var (nunit, nunitStore) = await RunAsNUnitAsync(dut);
        var adapter = VerdictPolicy.Judge(nunitStore);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
            Assert.That(nunit.Keys, Is.EquivalentTo(junit.Keys), "the same scenarios");
            Assert.That(nunit.Values, Has.Some.EqualTo("Passed").And.Some.EqualTo("Failed"), "the features discriminate on this DUT");
            foreach (var scenario in cli.Scenarios)
            {
                var key = $"{scenario.Scenario.Info.FeatureUri}:{scenario.Scenario.Info.Line}";
                var nunitScenario = adapter.Scenarios.Single(s => $"{s.Scenario.Info.FeatureUri}:{s.Scenario.Info.Line}" == key);
                Assert.That(nunitScenario.Verdict, Is.EqualTo(scenario.Verdict), $"{key}: the verdict under dotnet test");
                Assert.That(nunit[key], Is.EqualTo(scenario.Passed ? "Passed" : "Failed"), $"{key} is {scenario.Verdict} under spacebench run: {scenario.Why}");
                Assert.That(junit[key] is null, Is.EqualTo(scenario.Passed), $"{key} in junit.xml");
            }
        });
    }

    /// <summary>What <c>dotnet test</c> does with the conformance suites, on <paramref name="dutFile"/>: each pickle's NUnit outcome, and the store.</summary>
    private static async Task<(Dictionary<string, string> Outcomes, RunResults Store)> RunAsNUnitAsync(string dutFile)
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        var folder = Path.Combine(TestRepository.ScratchFolder("agreement-nunit"), "run");
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(dutFile)))
        {
            using var store = SqliteResultStore.Create(folder);
            var recorder = new ResultRecorder(bench.Clock, store);
            recorder.StartRun(new RunInfo("nunit", new BenchInfo(definition.Name, definition.File, "virtual bench time (simulated bench)", []),
                new DutInfo(bench.Dut.Id, bench.Dut.Name, bench.Dut.SerialNumber, bench.Dut.File, bench.Dut.Description, [], null),
                "dotnet test", new SoftwareInfo("dotnet test", null, []), TimeProvider.System.GetUtcNow(), new Dictionary<string, string>()));
            var ids = new IncrementingIdGenerator();
            var root = TestRepository.Path("features");
            var features = Features.Select(f => FeatureSource.Load(TestRepository.Path(f), root, ids)).ToList();
            await using var campaign = new Campaign(bench, recorder, new CampaignSettings { Options = new TestRunnerOptions { Ids = ids } });
            var runner = campaign.Runner;
            foreach (var testCase in await runner.StartAsync(features))
            {
                var result = await runner.RunAsync(testCase.Feature, testCase.Pickle);
                outcomes[$"{testCase.Feature.Uri}:{testCase.Line}"] = NUnitOutcome(result);
            }

            await runner.FinishAsync();
            recorder.FinishRun(TimeProvider.System.GetUtcNow(), Verdict.NotSet);
        }

        return (outcomes, ResultStoreReader.Read(folder));
    }

    /// <summary>The outcome FeatureTests gives a test case, as the conformance suites configure it.</summary>
    private static string NUnitOutcome(TestCaseResult result)
    {
        if (result.Status == TestStatus.Passed)
        {
            ScenarioOutcome.Apply(result, MissingStepOutcome.Error);
            return "Passed";
        }

        return Assert.Catch(() => ScenarioOutcome.Apply(result, MissingStepOutcome.Error)) switch
        {
            InconclusiveException => "Inconclusive",
            IgnoreException => "Ignored",
            _ => "Failed",
        };
    }
}
