using Reqnroll;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>The parameter type <c>{fading}</c>: the statistics of an emulated scintillation, "log-normal" (weak turbulence) or "gamma-gamma".</summary>
[Binding]
public sealed class LinkParameterTypes
{
    /// <summary>The statistics of an emulated scintillation: log-normal (weak turbulence) or gamma-gamma.</summary>
    [StepArgumentTransformation("(log-normal|gamma-gamma)", Name = "fading")]
    public static FadingKind ToFading(string text) => text switch
    {
        "log-normal" => FadingKind.LogNormal,
        "gamma-gamma" => FadingKind.GammaGamma,
        _ => throw new FormatException($"'{text}' is not a fading profile; {{fading}} is log-normal or gamma-gamma."),
    };
}
