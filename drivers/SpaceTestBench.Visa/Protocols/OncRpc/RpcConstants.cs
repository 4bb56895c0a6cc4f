namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>ONC RPC version 2 (RFC 5531 §9) message fields.</summary>
internal static class RpcConstants
{
    public const uint RpcVersion = 2;
    public const uint Call = 0;
    public const uint Reply = 1;
    public const uint MessageAccepted = 0;
    public const uint MessageDenied = 1;

    /// <summary>reject_stat RPC_MISMATCH: the RPC version is not 2.</summary>
    public const uint RpcMismatch = 0;

    /// <summary>Largest credential or verifier body (RFC 5531 §8.2).</summary>
    public const int MaxAuthBody = 400;

    /// <summary>Portmapper program (RFC 1833 §3).</summary>
    public const uint PortmapperProgram = 100000;

    public const uint PortmapperVersion = 2;

    public const uint PortmapperGetPort = 3;

    public const uint PortmapperDump = 4;

    public const uint ProtocolTcp = 6;

    public const uint ProtocolUdp = 17;
}

/// <summary>accept_stat of an accepted reply (RFC 5531 §9).</summary>
internal enum RpcAcceptStatus : uint
{
    Success = 0,
    ProgramUnavailable = 1,
    ProgramMismatch = 2,
    ProcedureUnavailable = 3,
    GarbageArguments = 4,
    SystemError = 5,
}
