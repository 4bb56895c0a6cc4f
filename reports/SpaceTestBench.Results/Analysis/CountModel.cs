using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Maximum-likelihood fitting of a count model: observation i is N_i events out of an exposure n_i
/// (fluence, bits) with per-unit probability p_i(θ). Counts are fitted as counts, not as ratios, so
/// zero-count points (below threshold, error-free power levels) inform the fit instead of being dropped.
/// A Nelder–Mead search (MathNet) finds the basin; Fisher scoring (Newton's method with the expected
/// information, as for generalised linear models) converges to the maximum, and the inverse Fisher
/// information there is the covariance. Where the likelihood is far from quadratic (a threshold
/// parameter), <see cref="ProfileInterval"/> gives the likelihood-ratio interval instead of the Wald one.
/// </summary>
internal sealed class CountModel(
    CountModel.Probability model,
    IReadOnlyList<long> counts,
    IReadOnlyList<double> exposures,
    CountDistribution distribution,
    Func<Vector<double>, bool> valid)
{
    /// <summary>p_i(θ) and ∂p_i/∂θ for observation i; return p = 0 where the model predicts no events.</summary>
    public delegate (double P, Vector<double> Gradient) Probability(Vector<double> theta, int index);

    public CountFitOutcome Fit(Vector<double> start)
    {
        var theta = Search(start, NegativeLogLikelihood);
        var current = NegativeLogLikelihood(theta);
        if (double.IsInfinity(current))
        {
            theta = start;
            current = NegativeLogLikelihood(theta);
        }

        var iterations = 0;
        var converged = false;
        while (iterations < 200)
        {
            iterations++;
            var (score, information) = ScoreAndInformation(theta);
            if (!TrySolve(information, score, out var step))
            {
                break; // information not positive definite: the data do not determine every parameter
            }

            // The Newton decrement U·I⁻¹U is twice the log-likelihood still to gain (locally). 1e-8 is far
            // below anything an interval (drawn 1.92 below the maximum) can show, and above the rounding of
            // a log-likelihood of millions of counted bit errors.
            var decrement = score.DotProduct(step);
            if (decrement < 1e-8)
            {
                converged = true;
                break;
            }

            var length = 1.0;
            var accepted = false;
            while (length > 1e-10)
            {
                var candidate = theta + (length * step);
                var value = NegativeLogLikelihood(candidate);
                if (value <= current)
                {
                    (theta, current, accepted) = (candidate, value, true);
                    break;
                }

                length /= 2;
            }

            if (!accepted)
            {
                // No step improves: at the maximum within rounding, or against an edge of the valid region.
                // Half the decrement is the log-likelihood left to gain; 5e-4 moves no bound of a 95 %
                // interval (drawn 1.92 below the maximum) by anything that shows.
                converged = decrement < 1e-3;
                break;
            }
        }

        var (_, finalInformation) = ScoreAndInformation(theta);
        var covariance = TrySolve(finalInformation, Matrix<double>.Build.DenseIdentity(theta.Count), out var inverse) ? inverse : null;
        return new CountFitOutcome(theta, covariance, converged, iterations, current, Deviance(theta), counts.Count - theta.Count);
    }

    /// <summary>
    /// The likelihood-ratio (profile) interval of parameter <paramref name="index"/>: the values where the
    /// profile log-likelihood drops χ²₁(confidence)/2 below its maximum. A side on which it never drops that
    /// far before <paramref name="lowEdge"/> or <paramref name="highEdge"/> is bounded by that edge.
    /// </summary>
    /// <remarks>
    /// <paramref name="dispersion"/> φ (deviance/dof when above 1) scales the drop, as quasi-likelihood scales the
    /// covariance: the interval is where the profile deviance rises by φ·χ²₁(confidence).
    /// </remarks>
    public (double Lower, double Upper) ProfileInterval(CountFitOutcome fit, int index, double confidence, double lowEdge, double highEdge, double dispersion = 1)
    {
        var rise = ChiSquared.InvCDF(1, confidence) / 2 * Math.Max(1, dispersion);
        var target = fit.NegativeLogLikelihood + rise;
        var wald = fit.Covariance is { } c && c[index, index] > 0 ? Math.Sqrt(c[index, index]) : 1;
        var estimate = fit.Theta[index];
        return (Side(-1, lowEdge), Side(+1, highEdge));

        double Side(int direction, double edge)
        {
            var inside = estimate;
            var step = Math.Min(wald, Math.Abs(edge - estimate) / 2);
            for (var attempt = 0; attempt < 40; attempt++)
            {
                var probe = estimate + (direction * step);
                if (direction * (probe - edge) >= 0)
                {
                    probe = edge;
                }

                if (Profile(fit.Theta, index, probe) >= target)
                {
                    return Bisect(inside, probe);
                }

                if (probe == edge)
                {
                    return edge;
                }

                inside = probe;
                step *= 2;
            }

            return edge;
        }

        double Bisect(double inside, double outside)
        {
            for (var i = 0; i < 30 && Math.Abs(outside - inside) > 1e-6 * (1 + Math.Abs(inside)); i++)
            {
                var middle = (inside + outside) / 2;
                if (Profile(fit.Theta, index, middle) >= target)
                {
                    outside = middle;
                }
                else
                {
                    inside = middle;
                }
            }

            return (inside + outside) / 2;
        }
    }

    public double NegativeLogLikelihood(Vector<double> theta) =>
        valid(theta) ? -LogLikelihood(theta) : double.PositiveInfinity;

    /// <summary>The lowest negative log-likelihood with parameter <paramref name="index"/> held at <paramref name="value"/>.</summary>
    private double Profile(Vector<double> best, int index, double value)
    {
        Vector<double> Compose(Vector<double> others)
        {
            var theta = Vector<double>.Build.Dense(best.Count);
            for (int i = 0, j = 0; i < best.Count; i++)
            {
                theta[i] = i == index ? value : others[j++];
            }

            return theta;
        }

        var start = Vector<double>.Build.DenseOfEnumerable(best.Where((_, i) => i != index));
        var others = Search(start, o => NegativeLogLikelihood(Compose(o)));
        return NegativeLogLikelihood(Compose(others));
    }

    // Nelder–Mead cannot take infinities; an invalid point is just very unlikely. Its stopping rule is relative, and the
    // objective (half a deviance) is of order one near the maximum: an offset of 1e4 makes the 1e-10 tolerance 1e-6 in
    // log-likelihood, far below what moves an interval. A search that does not settle hands its start to Fisher scoring.
    private static Vector<double> Search(Vector<double> start, Func<Vector<double>, double> objective)
    {
        try
        {
            return NelderMeadSimplex.Minimum(
                ObjectiveFunction.Value(theta => Math.Min(objective(theta), 1e300) + 1e4),
                start, convergenceTolerance: 1e-10, maximumIterations: 5000).MinimizingPoint;
        }
        catch (MaximumIterationsException)
        {
            return start;
        }
    }

    private static bool TrySolve<T>(Matrix<double> information, T rightHandSide, out T solution)
        where T : class
    {
        try
        {
            var cholesky = information.Cholesky();
            solution = rightHandSide switch
            {
                Vector<double> v => (T)(object)cholesky.Solve(v),
                Matrix<double> m => (T)(object)cholesky.Solve(m),
                _ => throw new ArgumentException("A vector or matrix right-hand side.", nameof(rightHandSide)),
            };
            return solution is not Vector<double> sv || sv.All(double.IsFinite);
        }
        catch (ArgumentException)
        {
            solution = null!;
            return false;
        }
    }

    // The log-likelihood relative to the saturated model (−deviance/2): each term is of order one near the maximum, so a
    // likelihood of millions of counted bit errors in 1e10 bits keeps its last digits and Newton steps stay measurable.
    private double LogLikelihood(Vector<double> theta)
    {
        var sum = 0.0;
        for (var i = 0; i < counts.Count; i++)
        {
            var (p, _) = model(theta, i);
            double n = exposures[i], k = counts[i];
            if (p <= 0 || double.IsNaN(p))
            {
                if (k > 0)
                {
                    return double.NegativeInfinity;
                }

                continue;
            }

            if (distribution == CountDistribution.Binomial && p >= 1)
            {
                if (k < n)
                {
                    return double.NegativeInfinity;
                }

                continue;
            }

            sum -= Term(n, k, n * p);
        }

        return sum;
    }

    // Half the deviance contribution of one observation: k·ln(k/μ) − (k − μ) (Poisson), or
    // k·ln(k/μ) + (n − k)·ln((n − k)/(n − μ)) (binomial), the latter through log1p so that n = 1e10 loses nothing.
    private double Term(double n, double k, double mu)
    {
        var first = k > 0 ? k * Math.Log(k / mu) : 0;
        if (distribution == CountDistribution.Poisson)
        {
            return first - (k - mu);
        }

        var rest = n - k;
        return rest > 0 ? first - (rest * SpecialFunctions.Log1p((k - mu) / rest)) : first;
    }

    private (Vector<double> Score, Matrix<double> Information) ScoreAndInformation(Vector<double> theta)
    {
        var score = Vector<double>.Build.Dense(theta.Count);
        var information = Matrix<double>.Build.Dense(theta.Count, theta.Count);
        for (var i = 0; i < counts.Count; i++)
        {
            var (p, gradient) = model(theta, i);

            // Below 1e-300 an error-free point carries no information worth a digit (n·p·x² with n ≤ 1e18), and n/p(1 − p)
            // would overflow to infinity against a gradient that underflowed to zero.
            if (!(p > 1e-300 && p < 1))
            {
                continue;
            }

            double n = exposures[i], k = counts[i];
            var variance = distribution == CountDistribution.Binomial ? p * (1 - p) : p;
            score += gradient * ((k - (n * p)) / variance);
            var scaled = gradient / Math.Sqrt(variance);
            information += scaled.OuterProduct(scaled) * n;
        }

        return (score, information);
    }

    /// <summary>The deviance at <paramref name="theta"/> (2 × log-likelihood ratio to the saturated model).</summary>
    public double Deviance(Vector<double> theta) => -2 * LogLikelihood(theta);
}
