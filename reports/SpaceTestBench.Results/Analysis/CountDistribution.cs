namespace SpaceTestBench.Results.Analysis;

/// <summary>How counted events are distributed around their expectation.</summary>
internal enum CountDistribution
{
    /// <summary>Events in an exposure (N ~ Poisson(n·p)); single-event effects per fluence.</summary>
    Poisson,

    /// <summary>Failures among n trials (N ~ Binomial(n, p)); bit errors among bits compared.</summary>
    Binomial,
}
