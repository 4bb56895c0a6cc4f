namespace SpaceTestBench.Gherkin;

/// <summary>
/// Thrown by a step that is not implemented yet: the step is PENDING (Reqnroll <c>PendingStepException</c>).
/// Without a message the step is simply pending; with one, the reason is reported with the result.
/// </summary>
public sealed class PendingStepException : Exception
{
    /// <summary>The step is pending, no reason given.</summary>
    public PendingStepException()
        : base("One or more step definitions are not implemented yet.")
    {
    }

    /// <summary>The step is pending for <paramref name="message"/>.</summary>
    public PendingStepException(string message)
        : base(message)
    {
        HasReason = true;
    }

    /// <summary>The step is pending for <paramref name="message"/>, because of <paramref name="innerException"/>.</summary>
    public PendingStepException(string message, Exception innerException)
        : base(message, innerException)
    {
        HasReason = true;
    }

    /// <summary>True when the binding gave a reason.</summary>
    public bool HasReason { get; }
}

/// <summary>
/// Thrown by a step or hook to skip the rest of the scenario: the step is SKIPPED (Cucumber's
/// <c>skipped</c>; Reqnroll reaches the same through the unit test provider's ignore). NUnit's
/// <c>Assert.Ignore</c> and <c>Assert.Inconclusive</c> are read the same way.
/// </summary>
public sealed class SkippedStepException : Exception
{
    /// <summary>Skip, no reason given.</summary>
    public SkippedStepException()
        : base("The step was skipped.")
    {
    }

    /// <summary>Skip for <paramref name="message"/>.</summary>
    public SkippedStepException(string message)
        : base(message)
    {
        HasReason = true;
    }

    /// <summary>Skip for <paramref name="message"/>, because of <paramref name="innerException"/>.</summary>
    public SkippedStepException(string message, Exception innerException)
        : base(message, innerException)
    {
        HasReason = true;
    }

    /// <summary>True when the binding gave a reason.</summary>
    public bool HasReason { get; }
}
