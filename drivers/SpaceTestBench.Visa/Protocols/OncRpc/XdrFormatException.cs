namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>A message that does not decode as the XDR it should be (an RPC server answers GARBAGE_ARGS).</summary>
internal sealed class XdrFormatException(string message) : Exception(message);
