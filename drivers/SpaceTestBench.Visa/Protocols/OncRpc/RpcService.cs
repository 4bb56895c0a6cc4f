using System.Buffers;

namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>
/// One ONC RPC program version as a server implements it. A procedure writes its result after the
/// accepted-reply header; bulk data (a VXI-11 read) is returned as trailing bytes and sent without copying.
/// </summary>
internal abstract class RpcService(uint program, uint version)
{
    public uint Program { get; } = program;

    public uint Version { get; } = version;

    /// <summary>
    /// Runs <paramref name="procedure"/>. Throw <see cref="XdrFormatException"/> for undecodable arguments
    /// (the caller answers GARBAGE_ARGS) and return <see cref="RpcResult.ProcedureUnavailable"/> for an
    /// unknown procedure.
    /// </summary>
    public abstract ValueTask<RpcResult> CallAsync(uint procedure, ReadOnlyMemory<byte> arguments, XdrWriter result, CancellationToken cancellationToken);
}

/// <summary>How a procedure ended, and any opaque data to append to its result (already length-prefixed by the procedure).</summary>
internal readonly record struct RpcResult(RpcAcceptStatus Status, ReadOnlySequence<byte> TrailingData)
{
    public static RpcResult Success => new(RpcAcceptStatus.Success, ReadOnlySequence<byte>.Empty);

    public static RpcResult ProcedureUnavailable => new(RpcAcceptStatus.ProcedureUnavailable, ReadOnlySequence<byte>.Empty);

    public static RpcResult WithData(ReadOnlySequence<byte> data) => new(RpcAcceptStatus.Success, data);
}
