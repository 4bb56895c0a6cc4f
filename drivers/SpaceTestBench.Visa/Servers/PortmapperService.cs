using System.Collections.Concurrent;
using SpaceTestBench.Visa.Protocols.OncRpc;

namespace SpaceTestBench.Visa.Servers;

/// <summary>Portmapper version 2 procedures (RFC 1833 §3.1): NULL, GETPORT, DUMP; SET and UNSET answer false.</summary>
internal sealed class PortmapperService(ConcurrentDictionary<(uint Program, uint Version, uint Protocol), int> mappings)
    : RpcService(RpcConstants.PortmapperProgram, RpcConstants.PortmapperVersion)
{
    public override ValueTask<RpcResult> CallAsync(uint procedure, ReadOnlyMemory<byte> arguments, XdrWriter result, CancellationToken cancellationToken)
    {
        var args = new XdrReader(arguments.Span);
        switch (procedure)
        {
            case 0:
                break;
            case 1 or 2:
                // PMAPPROC_SET / UNSET: registrations come from this process's own servers only.
                ReadMapping(ref args);
                result.Bool(false);
                break;
            case RpcConstants.PortmapperGetPort:
                var (program, version, protocol) = ReadMapping(ref args);
                result.UInt32(mappings.TryGetValue((program, version, protocol), out var port) ? (uint)port : 0);
                break;
            case RpcConstants.PortmapperDump:
                foreach (var ((p, v, prot), registered) in mappings)
                {
                    result.Bool(true).UInt32(p).UInt32(v).UInt32(prot).UInt32((uint)registered);
                }

                result.Bool(false);
                break;
            default:
                return ValueTask.FromResult(RpcResult.ProcedureUnavailable);
        }

        return ValueTask.FromResult(RpcResult.Success);
    }

    private static (uint Program, uint Version, uint Protocol) ReadMapping(ref XdrReader args)
    {
        var program = args.UInt32();
        var version = args.UInt32();
        var protocol = args.UInt32();
        args.UInt32(); // port: ignored by GETPORT
        return (program, version, protocol);
    }
}
