using SpaceTestBench.Visa.Protocols.OncRpc;
using SpaceTestBench.Visa.Protocols.Vxi11;

namespace SpaceTestBench.Visa.Servers;

/// <summary>The DEVICE_ASYNC program (VXI-11 B.6.21): device_abort ends a link's blocked read or lock wait.</summary>
internal sealed class Vxi11AbortChannel(Vxi11Server server) : RpcService(Vxi11Constants.AbortProgram, Vxi11Constants.Version)
{
    public override ValueTask<RpcResult> CallAsync(uint procedure, ReadOnlyMemory<byte> arguments, XdrWriter result, CancellationToken cancellationToken)
    {
        if (procedure == 0)
        {
            return ValueTask.FromResult(RpcResult.Success);
        }

        if (procedure != (uint)Vxi11Procedure.DeviceAbort)
        {
            return ValueTask.FromResult(RpcResult.ProcedureUnavailable);
        }

        var linkId = new XdrReader(arguments.Span).Int32();
        if (server.TryGetLink(linkId, out var link))
        {
            link.Abort();
            result.Int32((int)Vxi11Error.None);
        }
        else
        {
            result.Int32((int)Vxi11Error.InvalidLinkIdentifier);
        }

        return ValueTask.FromResult(RpcResult.Success);
    }
}
