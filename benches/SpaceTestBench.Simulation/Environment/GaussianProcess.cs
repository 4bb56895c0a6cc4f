using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// A stationary unit-variance Gauss–Markov (Ornstein–Uhlenbeck) process sampled on a fixed grid anchored at
/// t = 0: X[k+1] = ρ·X[k] + √(1 − ρ²)·N(0,1), ρ = exp(−Δ/τ). The grid does not depend on when the process is
/// queried, so a realisation depends only on the seed and the sequence of queries' times.
/// </summary>
internal sealed class GaussianProcess
{
    private readonly Random _random;
    private long _index = -1;
    private double _value;

    public GaussianProcess(Random random, double correlationSeconds)
    {
        _random = random;
        CorrelationSeconds = correlationSeconds;
        GridSeconds = correlationSeconds / 4;
    }

    public double CorrelationSeconds { get; }

    public double GridSeconds { get; }

    /// <summary>The value on grid point <paramref name="index"/> (indices must not go backwards).</summary>
    public double At(long index)
    {
        if (_index < 0 || index - _index > 200)
        {
            // Far beyond the correlation time the process has forgotten its state: start afresh, stationary.
            _index = index;
            _value = _random.NextGaussian();
            return _value;
        }

        var rho = Math.Exp(-GridSeconds / CorrelationSeconds);
        var innovation = Math.Sqrt(1 - (rho * rho));
        while (_index < index)
        {
            _value = (rho * _value) + (innovation * _random.NextGaussian());
            _index++;
        }

        return _value;
    }
}
