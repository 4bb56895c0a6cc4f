using MathNet.Numerics.LinearAlgebra;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// One drift law fitted by least squares: its parameters with standard errors s²(JᵀJ)⁻¹ and Student-t intervals (the
/// shape parameter's on the log scale), its residual scatter and its AICc.
/// </summary>
/// <param name="Model">The law.</param>
/// <param name="Formula">The law as the report prints it, with the dose unit.</param>
/// <param name="Parameters">P0, the drift at the highest dose, and the shape parameter (n or D_s) if the law has one.</param>
/// <param name="ResidualStandardDeviation">s, the scatter of the points about the fit, in the value unit.</param>
/// <param name="DegreesOfFreedom">Points minus parameters.</param>
/// <param name="Aicc">Akaike's criterion with the small-sample correction, N·ln(RSS/N) + 2k + 2k(k + 1)/(N − k − 1), k counting the variance.</param>
/// <param name="LargestCorrelation">The largest |correlation| between two parameters (on the fitting scale).</param>
public sealed record DriftModelFit(
    DriftModel Model,
    string Formula,
    IReadOnlyList<FittedParameter> Parameters,
    double ResidualStandardDeviation,
    int DegreesOfFreedom,
    double Aicc,
    double LargestCorrelation)
{
    /// <summary>D_max, the dose the amplitude refers to (in the dose unit).</summary>
    internal double ReferenceDose { get; init; }

    /// <summary>The parameters on the fitting scale (P0, ΔP, ln shape).</summary>
    internal Vector<double> Theta { get; init; } = Vector<double>.Build.Dense(2);

    /// <summary>Their covariance.</summary>
    internal Matrix<double> Covariance { get; init; } = Matrix<double>.Build.Dense(2, 2);

    /// <summary>The fitted pre-irradiation value P0.</summary>
    public FittedParameter PreIrradiation => Parameters[0];

    /// <summary>The fitted drift at the highest dose tested.</summary>
    public FittedParameter Amplitude => Parameters[1];

    /// <summary>The shape parameter (n or D_s), if the law has one.</summary>
    public FittedParameter? Shape => Parameters.Count > 2 ? Parameters[2] : null;

    /// <summary>The fitted parametric at <paramref name="dose"/> (in the fit's dose unit).</summary>
    public double ValueAt(double dose) => DriftLaw.Value(Model, Theta, Math.Max(dose, 0), ReferenceDose);
}
