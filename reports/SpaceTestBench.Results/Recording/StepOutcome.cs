namespace SpaceTestBench.Results.Recording;

/// <summary>Outcome of a step as the Gherkin layer reports it.</summary>
public enum StepOutcome
{
    /// <summary>Ran and passed.</summary>
    Passed,

    /// <summary>Ran and failed.</summary>
    Failed,

    /// <summary>Not run because an earlier step did not pass.</summary>
    Skipped,

    /// <summary>Marked as not implemented yet.</summary>
    Pending,

    /// <summary>No binding matches its text.</summary>
    Undefined,

    /// <summary>More than one binding matches its text.</summary>
    Ambiguous,
}
