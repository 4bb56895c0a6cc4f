namespace SpaceTestBench.Gherkin;

/// <summary>The Gherkin keyword classes a step definition answers to (Reqnroll's, as the runner plans with them).</summary>
public enum StepDefinitionType
{
    /// <summary>Given (context).</summary>
    Given,

    /// <summary>When (action).</summary>
    When,

    /// <summary>Then (outcome).</summary>
    Then,
}
