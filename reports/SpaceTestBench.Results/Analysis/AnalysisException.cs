namespace SpaceTestBench.Results.Analysis;

/// <summary>The data cannot support the analysis asked of it (too few points, no events, inconsistent units); the message says what is missing.</summary>
public sealed class AnalysisException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AnalysisException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AnalysisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
