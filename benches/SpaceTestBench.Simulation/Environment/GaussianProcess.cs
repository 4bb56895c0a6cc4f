using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// A stationary unit-variance Gauss–Markov (Ornstein–Uhlenbeck) process sampled on a fixed grid of bench time:
/// X[k+1] = ρ·X[k] + √(1 − ρ²)·N[k+1], ρ = exp(−Δ/τ), with the innovation N[k] a counter-based draw keyed by the grid
/// index k (<see cref="RandomStreams.Gaussian"/>). The value on a grid point is a pure function of the seed and k:
/// the grid is cut into blocks of <see cref="BlockLength"/> points, and each block's chain starts
/// <see cref="BurnIn"/> points before it from a stationary draw; after the burn-in the start is forgotten to
/// ρ^BurnIn = e^−50 (the chain through a block boundary differs from the unbroken one by that much), so
/// the law is the process's to far better than double precision, and whatever points were asked before — in
/// this run or in the run it resumes — X[k] comes out the same.
/// </summary>
internal sealed class GaussianProcess
{
    /// <summary>Grid points per block.</summary>
    public const long BlockLength = 4096;

    /// <summary>Grid points a block's chain runs before the block: ρ^BurnIn = exp(−BurnIn/4) = e^−50.</summary>
    public const long BurnIn = 200;

    private readonly ulong _key;
    private long _anchor = long.MinValue;
    private long _index = long.MinValue;
    private double _value;

    /// <param name="key">The stream's key (<see cref="RandomStreams.Key"/>).</param>
    /// <param name="correlationSeconds">τ; the grid is τ/4.</param>
    public GaussianProcess(ulong key, double correlationSeconds)
    {
        _key = key;
        CorrelationSeconds = correlationSeconds;
        GridSeconds = correlationSeconds / 4;
    }

    public double CorrelationSeconds { get; }

    public double GridSeconds { get; }

    /// <summary>The value on grid point <paramref name="index"/>.</summary>
    public double At(long index)
    {
        var anchor = (Math.DivRem(index, BlockLength, out var within) - (within < 0 ? 1 : 0)) * BlockLength - BurnIn;
        if (_anchor != anchor || _index > index)
        {
            _anchor = anchor;
            // A stationary start, keyed by the anchor (the innovations' own keys are the grid indices: counter 0).
            _index = anchor;
            _value = RandomStreams.Gaussian(_key, 1, anchor);
        }

        var rho = Math.Exp(-GridSeconds / CorrelationSeconds);
        var innovation = Math.Sqrt(1 - (rho * rho));
        while (_index < index)
        {
            _index++;
            _value = (rho * _value) + (innovation * RandomStreams.Gaussian(_key, 0, _index));
        }

        return _value;
    }
}
