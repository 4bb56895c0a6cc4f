namespace SpaceTestBench.Instruments.Roles;

/// <summary>What a link emulator is set to.</summary>
/// <param name="OneWayDelaySeconds">One-way delay, s.</param>
/// <param name="DopplerHertz">Doppler shift, Hz.</param>
/// <param name="Fading">Fading profile.</param>
/// <param name="JitterRadians">Pointing jitter, rms per axis, rad.</param>
/// <param name="BiasRadians">Pointing bias, rad.</param>
public sealed record LinkEmulation(double OneWayDelaySeconds, double DopplerHertz, FadingProfile Fading, double JitterRadians, double BiasRadians);
