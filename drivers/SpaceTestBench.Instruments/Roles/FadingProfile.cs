namespace SpaceTestBench.Instruments.Roles;

/// <summary>Statistics of the intensity fluctuation.</summary>
public enum FadingKind
{
    /// <summary>No fading.</summary>
    None,

    /// <summary>Log-normal (weak turbulence).</summary>
    LogNormal,

    /// <summary>Gamma-gamma (moderate to strong turbulence).</summary>
    GammaGamma,
}

/// <summary>A fading profile.</summary>
/// <param name="Kind">Statistics.</param>
/// <param name="ScintillationIndex">σ_I², the normalised intensity variance.</param>
/// <param name="CorrelationSeconds">Correlation time of the fluctuation, s.</param>
public sealed record FadingProfile(FadingKind Kind, double ScintillationIndex, double CorrelationSeconds)
{
    /// <summary>No fading.</summary>
    public static FadingProfile None { get; } = new(FadingKind.None, 0, 5e-3);
}
