namespace SpaceTestBench.Instruments.Roles;

/// <summary>The DUT's built-in functional test.</summary>
/// <param name="Code">0 for a pass, else the agent's reason (201 not powered, 202 hung, 203 booting, 204 failed).</param>
public readonly record struct FunctionalTestResult(int Code)
{
    /// <summary>True if the test passed.</summary>
    public bool Passed => Code == 0;
}
