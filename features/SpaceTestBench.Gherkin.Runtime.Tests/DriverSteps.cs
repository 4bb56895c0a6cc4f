using Reqnroll;

// Not under SpaceTestBench.Gherkin, whose own ScenarioContext/FeatureContext would hide Reqnroll's (until they are deleted, issue 16).
namespace SpaceTestBench.ReqnrollRuntime.Tests;

[Binding]
public sealed class DriverSteps(ReqnrollScenarioDriverTests.RunState state, ScenarioContext scenario, FeatureContext feature)
{
    private List<string> Log => state.Log;

    [BeforeScenario]
    public void Before() => Log.Add("before " + scenario.ScenarioInfo.Title);

    [AfterScenario]
    public void After() => Log.Add("after " + scenario.ScenarioInfo.Title);

    [AfterScenario("stop-after", Order = 0)]
    public void StopInAfterHook()
    {
        Log.Add("stop in After hook");
        state.Stop.Cancel();
    }

    [Given("the context is recorded")]
    public void RecordContext()
    {
        var info = feature.FeatureInfo;
        Log.Add($"feature {info.Title} [{string.Join(',', info.Tags)}] {info.Description}");
        var s = scenario.ScenarioInfo;
        var arguments = string.Join(",", s.Arguments.Keys.Cast<string>().Select(k => $"{k}={s.Arguments[k]}"));
        Log.Add($"scenario {s.Title} [{string.Join(',', s.Tags)}] [{string.Join(',', s.CombinedTags.Order(StringComparer.Ordinal))}] {arguments} rule {scenario.RuleInfo?.Title}");
    }

    [Given("the limits are:")]
    public void Limits(DataTable table) => Log.Add("limits " + string.Join(",", table.Rows.Select(r => $"{r["limit"]}={r["value"]}")));

    [Then("the note is:")]
    public void Note(string text) => Log.Add("note " + text);

    [Given("a failing step")]
    public void Fail() => throw new InvalidOperationException("the instrument reported an error");

    [Given("a pending step")]
    public void Pending() => throw new PendingStepException();

    [Given("an ambiguous step")]
    public void AmbiguousOne()
    {
    }

    [Given("a measurement that misses its limit")]
    public void Measure()
    {
        Log.Add("measured");
        scenario["missed"] = true;
    }

    // The engine's judgement of a step's measurements (StepJudge) is such a hook.
    [AfterStep("judge")]
    public void Judge()
    {
        if (scenario.ContainsKey("missed"))
        {
            throw new InvalidOperationException("the measurement missed its limit");
        }
    }

    [Given("step one")]
    public void One() => Log.Add("one");

    [Given("step two")]
    public void Two() => Log.Add("two");

    [Given("step three")]
    public void Three() => Log.Add("three");

    // Ctrl-C while the step talks to an instrument: the exchange does not take the stop and ends normally.
    [Given("stop during step one")]
    public void StopDuringOne()
    {
        Log.Add("one");
        state.Stop.Cancel();
    }

    [Given("stop during step three")]
    public void StopDuringThree()
    {
        Log.Add("three");
        state.Stop.Cancel();
    }

    // Ctrl-C during a bench wait: the wait takes the stop and ends the step with it.
    [Given("stop and wait in step one")]
    public async Task StopAndWaitAsync()
    {
        Log.Add("one");
        await state.Stop.CancelAsync();
        await Task.Delay(TimeSpan.FromDays(1), state.Stop.Token);
    }

    [Given("stop and fail in step one")]
    public void StopAndFail()
    {
        state.Stop.Cancel();
        throw new InvalidOperationException("the instrument reported an error");
    }

    // An I/O deadline of some library, surfacing as a cancellation the operator did not ask for.
    [Given("a timeout in step one")]
    public async Task TimeoutAsync()
    {
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();
        await Task.Delay(TimeSpan.FromDays(1), deadline.Token);
    }
}

[Binding]
public sealed class OtherSteps
{
    [Given("an ambiguous step")]
    public void AmbiguousTwo()
    {
    }
}
