namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>The header of an ONC RPC call (RFC 5531 §9) and where its arguments start.</summary>
internal readonly record struct RpcCall(uint Xid, uint RpcVersion, uint Program, uint Version, uint Procedure, int ArgumentsOffset)
{
    /// <summary>
    /// Parses a call header; null if the message is not a call (RFC 5531: servers ignore replies) or is too
    /// short to hold an xid, in which case nothing can be answered.
    /// </summary>
    public static RpcCall? TryParse(ReadOnlySpan<byte> message, out bool garbage)
    {
        garbage = false;
        var reader = new XdrReader(message);
        if (reader.Remaining < 8)
        {
            garbage = true;
            return null;
        }

        var xid = reader.UInt32();
        if (reader.UInt32() != RpcConstants.Call)
        {
            return null;
        }

        try
        {
            var rpcVersion = reader.UInt32();
            var program = reader.UInt32();
            var version = reader.UInt32();
            var procedure = reader.UInt32();
            reader.UInt32(); // credential flavor: AUTH_NULL and AUTH_UNIX alike carry nothing a VXI-11 server uses
            reader.Opaque(RpcConstants.MaxAuthBody);
            reader.UInt32();
            reader.Opaque(RpcConstants.MaxAuthBody);
            return new RpcCall(xid, rpcVersion, program, version, procedure, message.Length - reader.Remaining);
        }
        catch (XdrFormatException)
        {
            garbage = true;
            return new RpcCall(xid, RpcConstants.RpcVersion, 0, 0, 0, -1);
        }
    }

    /// <summary>Starts an accepted reply with <paramref name="status"/>; a successful reply's result follows.</summary>
    public static XdrWriter Accepted(XdrWriter writer, uint xid, RpcAcceptStatus status) =>
        writer.Reset().UInt32(xid).UInt32(RpcConstants.Reply).UInt32(RpcConstants.MessageAccepted)
            .UInt32(0).UInt32(0) // AUTH_NULL verifier
            .UInt32((uint)status);

    /// <summary>A denied reply: RPC version mismatch, supported range 2–2.</summary>
    public static XdrWriter RpcVersionMismatch(XdrWriter writer, uint xid) =>
        writer.Reset().UInt32(xid).UInt32(RpcConstants.Reply).UInt32(RpcConstants.MessageDenied)
            .UInt32(RpcConstants.RpcMismatch).UInt32(RpcConstants.RpcVersion).UInt32(RpcConstants.RpcVersion);
}
