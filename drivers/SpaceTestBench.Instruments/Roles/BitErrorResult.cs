namespace SpaceTestBench.Instruments.Roles;

/// <summary>A bit-error measurement.</summary>
/// <param name="Errors">Errored bits; null when nothing was clocked in.</param>
/// <param name="Bits">Bits clocked in; null when nothing was.</param>
/// <param name="BitErrorRatio">Errors/bits as the tester reports it; null when it cannot.</param>
public readonly record struct BitErrorResult(long? Errors, double? Bits, double? BitErrorRatio);
