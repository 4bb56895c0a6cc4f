namespace SpaceTestBench.Simulation.Dut;

/// <summary>How a rail's over-current protection comes back once it has switched the rail off.</summary>
public enum ProtectionRecovery
{
    /// <summary>It stays off until the rail's input is powered down and up again (a latching current limiter, a latch-off eFuse).</summary>
    Latch,

    /// <summary>It switches the rail on again by itself after its retry period (hiccup mode), and off again if the fault is still there.</summary>
    AutoRetry,
}

/// <summary>
/// The DUT's own over-current protection on one input rail, and what the path it protects can carry: the
/// protection acts once the rail current exceeds <see cref="TripAmperes"/>, holds it at <see cref="LimitAmperes"/>
/// (a current limiter; null: a breaker that passes what the source gives) for <see cref="ResponseSeconds"/>, then
/// switches the rail off and recovers as <see cref="Recovery"/> says. The path (pass element, traces, connector)
/// carries <see cref="ContinuousAmperes"/> indefinitely and survives a surge of <see cref="SurgeAmperes"/> for
/// <see cref="SurgeSeconds"/>: the heat a current above its continuous rating deposits, ∫(I² − I_c²)dt, beyond
/// that surge's (I_s² − I_c²)·t_s damages it, leaving <see cref="DamagedOhms"/> across the rail and a part that no
/// longer works. The integral starts again whenever the current falls back within the continuous rating (the path
/// cools between pulses far faster than a hiccup's retry period).
/// </summary>
/// <param name="TripAmperes">Rail current above which the protection acts, A.</param>
/// <param name="ResponseSeconds">Time above the trip current before it switches the rail off, s.</param>
/// <param name="Recovery">How it comes back.</param>
public sealed record OverCurrentProtectionSpec(double TripAmperes, double ResponseSeconds, ProtectionRecovery Recovery)
{
    /// <summary>The current it holds the rail at while acting, A; null: no limiting (a breaker or fuse passes what the source gives).</summary>
    public double? LimitAmperes { get; init; }

    /// <summary>For <see cref="ProtectionRecovery.AutoRetry"/>: how long it stays off before it tries again, s.</summary>
    public double RetrySeconds { get; init; }

    /// <summary>The current the protected path carries indefinitely, A.</summary>
    public double ContinuousAmperes { get; init; } = double.PositiveInfinity;

    /// <summary>The surge current the path survives for <see cref="SurgeSeconds"/>, A.</summary>
    public double SurgeAmperes { get; init; } = double.PositiveInfinity;

    /// <summary>The surge's duration, s.</summary>
    public double SurgeSeconds { get; init; }

    /// <summary>Resistance a damaged path leaves across the rail, Ω.</summary>
    public double DamagedOhms { get; init; } = double.PositiveInfinity;

    /// <summary>The heat above the continuous rating the path survives, ∫(I² − I_c²)dt in A²·s.</summary>
    public double SurgeRating => double.IsPositiveInfinity(SurgeAmperes) ? double.PositiveInfinity
        : Math.Max(0, (SurgeAmperes * SurgeAmperes) - (ContinuousAmperes * ContinuousAmperes)) * SurgeSeconds;
}
