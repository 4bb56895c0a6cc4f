// The reference step-definition class of shared/reference/gherkin.md §1.5, written for Reqnroll, unchanged
// (a namespace added so its types do not leak, outside SpaceTestBench.Gherkin so that its names are
// Reqnroll's, not this layer's contexts). It runs on Reqnroll's runtime through this layer's driver. It is
// nullable-oblivious code, as Reqnroll samples are.
#nullable disable
using Reqnroll;

namespace SpaceTestBench.ReferenceBindings;

public record Flight(string From, string To);
public class Item { public string Name { get; set; } public int Qty { get; set; } }
public class Basket { public List<Item> Items { get; } = new(); }   // POCO, one per scenario

[Binding]
public class BasketSteps(Basket basket, ScenarioContext scenario, IReqnrollOutputHelper output)
{
    [StepArgumentTransformation(@"([A-Z]{3})-([A-Z]{3})", Name = "flight")]
    public Flight ToFlight(string from, string to) => new(from, to);

    [Given("I have {int} cucumber(s) in my belly/tummy")]          // Cucumber Expression
    public void GivenCukes(int count) => scenario["cukes"] = count;

    [When(@"^I add (\d+) items? named ""(.*)""$")]                  // regex
    public void WhenAdd(int qty, string name) => basket.Items.Add(new Item { Name = name, Qty = qty });

    [Given("{flight} has been delayed")]
    public void Delayed(Flight f) { }

    [Given("the following items:")]
    public void GivenItems(DataTable table) => basket.Items.AddRange(table.CreateSet<Item>());

    [Then("the basket contains:")]
    public void ThenContains(DataTable expected) => expected.CompareToSet(basket.Items);

    [StepDefinition("a note with body")]                             // any keyword; DocString last
    public async Task Note(string docString) { await Task.Yield(); output.WriteLine(docString); }

    [When("something not built yet")]
    public void NotYet() => throw new PendingStepException();

    [BeforeTestRun] public static void Boot() { }
    [BeforeFeature("@db")] public static void Db(FeatureContext fc) { }
    [BeforeScenario("@web", Order = 0)] public void Web() { }
    [AfterStep] public void Trace() => output.WriteLine(scenario.StepContext.StepInfo.Text);
    [AfterScenario(Order = 100)] public void Cleanup() { if (scenario.TestError != null) output.AddAttachment("shot.png"); }
}
