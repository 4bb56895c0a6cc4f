namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>An RPC-level failure (the server denied or could not run a call); sessions report it as a protocol error.</summary>
internal sealed class RpcException(string message) : Exception(message);
