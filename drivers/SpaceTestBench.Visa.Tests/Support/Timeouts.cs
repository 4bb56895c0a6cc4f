namespace SpaceTestBench.Visa.Tests.Support;

/// <summary>
/// Test time limits. Generous, because a loaded two-core build machine can stall a process for seconds;
/// no test asserts how fast anything is, only what happens.
/// </summary>
internal static class Timeouts
{
    /// <summary>I/O timeout for exchanges that are expected to succeed.</summary>
    public const int Generous = 20_000;

    /// <summary>I/O timeout for exchanges that are expected to time out (short so the suite stays quick).</summary>
    public const int Expiring = 400;
}
