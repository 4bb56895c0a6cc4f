using MathNet.Numerics.LinearAlgebra;

namespace SpaceTestBench.Results.Analysis;

/// <summary>What a count-model fit found.</summary>
/// <param name="Theta">The maximum-likelihood parameters.</param>
/// <param name="Covariance">Their covariance (inverse Fisher information), or null if the data do not determine them.</param>
/// <param name="Converged">True if Fisher scoring converged.</param>
/// <param name="Iterations">Fisher-scoring iterations.</param>
/// <param name="NegativeLogLikelihood">−log-likelihood at the maximum, relative to the saturated model (half the deviance).</param>
/// <param name="Deviance">The deviance (2 × log-likelihood ratio to the saturated model).</param>
/// <param name="DegreesOfFreedom">Observations minus parameters.</param>
internal sealed record CountFitOutcome(
    Vector<double> Theta, Matrix<double>? Covariance, bool Converged, int Iterations, double NegativeLogLikelihood, double Deviance, int DegreesOfFreedom);
