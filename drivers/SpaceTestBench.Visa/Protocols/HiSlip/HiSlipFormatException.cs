namespace SpaceTestBench.Visa.Protocols.HiSlip;

/// <summary>Bytes on a HiSLIP channel that are not a well-formed message (answered with FatalError 1 by a server).</summary>
internal sealed class HiSlipFormatException(string message) : Exception(message);
