namespace SpaceTestBench.Gherkin.Execution;

/// <summary>What a binding's or hook's exception means for its Cucumber status, and how the runner words it.</summary>
internal static class StepOutcomes
{
    /// <summary>
    /// The status an exception gives a step or hook. NUnit's Ignore and Inconclusive are recognised by name
    /// so that this library does not depend on NUnit.
    /// </summary>
    public static TestStatus StatusOf(System.Exception error) => error switch
    {
        PendingStepException or Reqnroll.PendingStepException => TestStatus.Pending,
        SkippedStepException => TestStatus.Skipped,
        _ when error.GetType().FullName is "NUnit.Framework.IgnoreException" or "NUnit.Framework.InconclusiveException" => TestStatus.Skipped,
        _ => TestStatus.Failed,
    };

    /// <summary>Whether the exception carries something to report (a pending or skip without a reason does not).</summary>
    public static bool IsReportable(System.Exception error) => error switch
    {
        PendingStepException pending => pending.HasReason,
        Reqnroll.PendingStepException pending => pending.Message != new Reqnroll.PendingStepException().Message,
        SkippedStepException skipped => skipped.HasReason,
        _ => true,
    };

    /// <summary>"is pending", "skipped" or "failed", for the step's or hook's message.</summary>
    public static string Describe(TestStatus status) => status switch
    {
        TestStatus.Pending => "is pending",
        TestStatus.Skipped => "skipped",
        _ => "failed",
    };
}
