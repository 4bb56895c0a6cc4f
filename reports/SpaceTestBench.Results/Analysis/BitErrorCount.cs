using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>Bit errors counted at one received optical power.</summary>
/// <param name="ReceivedPower">Optical power at the receiver input.</param>
/// <param name="Errors">Bit errors counted.</param>
/// <param name="Bits">Bits compared.</param>
public sealed record BitErrorCount(Quantity ReceivedPower, long Errors, long Bits);
