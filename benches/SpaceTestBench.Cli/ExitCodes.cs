namespace SpaceTestBench.Cli;

/// <summary>What <c>spacebench</c> returns.</summary>
public static class ExitCodes
{
    /// <summary>Every scenario passed (run); no problem found (validate); the exchange succeeded (scpi).</summary>
    public const int Passed = 0;

    /// <summary>Some scenario did not pass (run); feature files have problems (validate); the instrument could not be reached or reported an error (scpi).</summary>
    public const int Failed = 1;

    /// <summary>The command line, a resource string, a bench file, a DUT profile or a feature file is wrong; nothing was run.</summary>
    public const int UsageError = 2;
}
