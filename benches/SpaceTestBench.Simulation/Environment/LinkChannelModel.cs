using MathNet.Numerics.Distributions;
using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// What the link emulator does to the light between the DUT's transmitter and its receiver: one-way delay,
/// Doppler shift, scintillation (a unit-mean intensity factor with scintillation index σ_I² and correlation
/// time τ, log-normal or gamma-gamma) and pointing error (bias b plus Gaussian jitter σ per axis): the
/// pointing loss of a Gaussian beam is exp(−2θ²/θ_div²). Once the telescopes' apertures are set, the path also
/// carries the link budget (<see cref="LinkBudget"/>): both gains, the free-space loss of the range and the
/// atmospheric loss, so the range changes the received power as well as the delay.
/// </summary>
internal sealed class LinkChannelModel
{
    private readonly int _seed;
    private GaussianProcess? _scintillation;
    private GaussianProcess? _jitterX;
    private GaussianProcess? _jitterY;
    private double[]? _gammaGammaQuantiles;

    public LinkChannelModel(int seed) => _seed = seed;

    public double DelaySeconds { get; set; }

    /// <summary>Range of the emulated path, m (the delay times c).</summary>
    public double RangeMetres => DelaySeconds * PhysicalConstants.SpeedOfLight;

    /// <summary>Carrier wavelength the budget is computed at, m.</summary>
    public double WavelengthMetres { get; set; } = 1550e-9;

    /// <summary>Transmit telescope diameter, m; 0 with <see cref="ReceiveApertureMetres"/> 0: no budget (a lab path: pointing loss only).</summary>
    public double TransmitApertureMetres { get; set; }

    /// <summary>Receive telescope diameter, m.</summary>
    public double ReceiveApertureMetres { get; set; }

    /// <summary>Atmospheric loss, dB (≤ 0).</summary>
    public double AtmosphericLossDecibels { get; set; }

    /// <summary>True once both apertures are set: the emulator applies the link budget's gains, free-space loss and atmosphere.</summary>
    public bool BudgetApplies => TransmitApertureMetres > 0 && ReceiveApertureMetres > 0;

    /// <summary>The link budget of the emulated path for a beam of divergence θ_div (its pointing loss in expectation).</summary>
    public LinkBudget Budget(double divergence) =>
        new(WavelengthMetres, RangeMetres, TransmitApertureMetres, ReceiveApertureMetres, 10 * Math.Log10(PointingTransmission(divergence)), AtmosphericLossDecibels);

    /// <summary>What the budget applies besides pointing (gains, free-space loss, atmosphere), a power ratio; 1 without a budget.</summary>
    private double PathTransmission => BudgetApplies ? Budget(1).PathTransmission : 1;

    /// <summary>The Doppler shift when it (or its rate) was last set, Hz.</summary>
    public double DopplerHertz { get; private set; }

    /// <summary>How fast the shift changes, Hz/s (a pass's Doppler rate; 0: constant).</summary>
    public double DopplerRateHertzPerSecond { get; private set; }

    /// <summary>Facility time the shift was <see cref="DopplerHertz"/>, s.</summary>
    public double DopplerOriginSeconds { get; private set; }

    /// <summary>The Doppler shift at facility time <paramref name="seconds"/>, Hz: the set shift plus the rate times the time since.</summary>
    public double DopplerAt(double seconds) => DopplerHertz + (DopplerRateHertzPerSecond * (seconds - DopplerOriginSeconds));

    /// <summary>Sets the shift at facility time <paramref name="seconds"/>; the rate goes on from there.</summary>
    public void SetDoppler(double hertz, double seconds)
    {
        DopplerHertz = hertz;
        DopplerOriginSeconds = seconds;
    }

    /// <summary>Sets the rate at facility time <paramref name="seconds"/>, starting from the shift reached by then.</summary>
    public void SetDopplerRate(double hertzPerSecond, double seconds)
    {
        DopplerHertz = DopplerAt(seconds);
        DopplerOriginSeconds = seconds;
        DopplerRateHertzPerSecond = hertzPerSecond;
    }

    /// <summary>Restores a saved Doppler state (shift at the origin, rate, origin).</summary>
    public void RestoreDoppler(double hertz, double hertzPerSecond, double originSeconds)
    {
        DopplerHertz = hertz;
        DopplerRateHertzPerSecond = hertzPerSecond;
        DopplerOriginSeconds = originSeconds;
    }

    public FadingStatistics Fading { get; private set; }

    public double ScintillationIndex { get; private set; }

    public double CorrelationSeconds { get; private set; } = 5e-3;

    public double JitterRadians { get; private set; }

    public double BiasRadians { get; set; }

    public bool Fluctuates => (Fading != FadingStatistics.None && ScintillationIndex > 0) || JitterRadians > 0;

    /// <summary>The grid on which fluctuations are evaluated, s.</summary>
    public double GridSeconds => CorrelationSeconds / 4;

    public void SetFading(FadingStatistics kind, double scintillationIndex, double correlationSeconds)
    {
        Fading = kind;
        ScintillationIndex = scintillationIndex;
        CorrelationSeconds = correlationSeconds;
        _scintillation = new GaussianProcess(RandomStreams.Key(_seed, $"scintillation:{kind}:{scintillationIndex}:{correlationSeconds}"), correlationSeconds);
        _jitterX = _jitterY = null;
        _gammaGammaQuantiles = kind == FadingStatistics.GammaGamma && scintillationIndex > 0 ? GammaGammaQuantiles(scintillationIndex) : null;
    }

    public void SetJitter(double radiansRms)
    {
        JitterRadians = radiansRms;
        _jitterX = _jitterY = null;
    }

    /// <summary>Mean power transmission of the emulated channel for a beam of divergence θ_div.</summary>
    /// <remarks>
    /// Scintillation has unit mean. For a Gaussian jitter of σ per axis around a bias b,
    /// E[exp(−2|b + j|²/θ²)] = θ²/(θ² + 4σ²)·exp(−2b²/(θ² + 4σ²)).
    /// </remarks>
    public double MeanTransmission(double divergence) => PointingTransmission(divergence) * PathTransmission;

    /// <summary>Mean pointing transmission alone (jitter and bias), a power ratio ≤ 1.</summary>
    public double PointingTransmission(double divergence)
    {
        var d2 = divergence * divergence;
        var s2 = JitterRadians * JitterRadians;
        return d2 / (d2 + (4 * s2)) * Math.Exp(-2 * BiasRadians * BiasRadians / (d2 + (4 * s2)));
    }

    /// <summary>Instantaneous transmission on grid point <paramref name="index"/>.</summary>
    public double TransmissionAt(long index, double divergence)
    {
        var scintillation = 1.0;
        if (Fading != FadingStatistics.None && ScintillationIndex > 0 && _scintillation is { } process)
        {
            var x = process.At(index);
            scintillation = Fading == FadingStatistics.LogNormal
                ? LogNormalIntensity(x)
                : GammaGammaIntensity(x);
        }

        var pointing = Math.Exp(-2 * BiasRadians * BiasRadians / (divergence * divergence));
        if (JitterRadians > 0)
        {
            _jitterX ??= new GaussianProcess(RandomStreams.Key(_seed, $"jitter-x:{CorrelationSeconds}"), CorrelationSeconds);
            _jitterY ??= new GaussianProcess(RandomStreams.Key(_seed, $"jitter-y:{CorrelationSeconds}"), CorrelationSeconds);
            var ex = BiasRadians + (JitterRadians * _jitterX.At(index));
            var ey = JitterRadians * _jitterY.At(index);
            pointing = Math.Exp(-2 * ((ex * ex) + (ey * ey)) / (divergence * divergence));
        }

        return scintillation * pointing * PathTransmission;
    }

    private double LogNormalIntensity(double gaussian)
    {
        // ln I ~ N(−σ²/2, σ²) with σ² = ln(1 + σ_I²): unit mean, scintillation index σ_I².
        var s2 = Math.Log(1 + ScintillationIndex);
        return Math.Exp((Math.Sqrt(s2) * gaussian) - (s2 / 2));
    }

    private double GammaGammaIntensity(double gaussian)
    {
        // Gaussian copula: map the correlated Gaussian through Φ to a quantile of the gamma-gamma law.
        var quantiles = _gammaGammaQuantiles!;
        var u = Normal.CDF(0, 1, gaussian) * (quantiles.Length - 1);
        var i = Math.Clamp((int)u, 0, quantiles.Length - 2);
        var f = u - i;
        return quantiles[i] + (f * (quantiles[i + 1] - quantiles[i]));
    }

    /// <summary>
    /// Quantiles of I = X·Y, X ~ Γ(α, 1/α), Y ~ Γ(β, 1/β), with α = β chosen so that
    /// σ_I² = 2/α + 1/α² matches the requested index; tabulated once by Monte Carlo (seeded).
    /// </summary>
    private double[] GammaGammaQuantiles(double index)
    {
        var alpha = 1 / (Math.Sqrt(1 + index) - 1);
        var random = RandomStreams.For(_seed, $"gamma-gamma:{index}");
        const int samples = 20_000;
        var values = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            values[i] = Gamma.Sample(random, alpha, alpha) * Gamma.Sample(random, alpha, alpha);
        }

        Array.Sort(values);
        var mean = values.Average();
        const int points = 513;
        var table = new double[points];
        for (var q = 0; q < points; q++)
        {
            table[q] = values[(int)Math.Round((double)q / (points - 1) * (samples - 1))] / mean;
        }

        return table;
    }
}
