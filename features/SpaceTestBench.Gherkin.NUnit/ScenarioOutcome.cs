using global::NUnit.Framework;
using SpaceTestBench.Gherkin.Execution;

namespace SpaceTestBench.Gherkin.NUnit;

/// <summary>Turns a test case's Cucumber status into NUnit's outcome.</summary>
public static class ScenarioOutcome
{
    /// <summary>
    /// Passed passes; Failed and Ambiguous fail with the reason; Skipped ignores; Pending and Undefined
    /// follow <paramref name="missing"/> (the message carries the snippet to paste).
    /// </summary>
    public static void Apply(TestCaseResult result, MissingStepOutcome missing)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = result.Message ?? $"The scenario at {result.TestCase.Location} is {result.Status}.";
        switch (result.Status)
        {
            case TestStatus.Passed:
                return;
            case TestStatus.Skipped:
                Assert.Ignore(message);
                return;
            case TestStatus.Pending or TestStatus.Undefined:
                switch (missing)
                {
                    case MissingStepOutcome.Ignore:
                        Assert.Ignore(message);
                        return;
                    case MissingStepOutcome.Error:
                        Assert.Fail(message);
                        return;
                    default:
                        Assert.Inconclusive(message);
                        return;
                }

            default:
                Assert.Fail(message);
                return;
        }
    }
}
