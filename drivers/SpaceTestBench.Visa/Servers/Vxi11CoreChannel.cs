using System.Buffers;
using System.Runtime.CompilerServices;
using SpaceTestBench.Visa.Protocols.OncRpc;
using SpaceTestBench.Visa.Protocols.Vxi11;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// The DEVICE_CORE program on one TCP connection (VXI-11 B.6): the links it created and the procedures
/// that act on them. Calls on one connection run one at a time, as RPC over TCP requires.
/// </summary>
internal sealed class Vxi11CoreChannel(Vxi11Server server, CancellationToken stopping)
    : RpcService(Vxi11Constants.CoreProgram, Vxi11Constants.Version)
{
    private readonly List<Vxi11Link> _links = [];

    public void DestroyLinks()
    {
        foreach (var link in _links)
        {
            server.RemoveLink(link);
        }

        _links.Clear();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<RpcResult> CallAsync(uint procedure, ReadOnlyMemory<byte> arguments, XdrWriter result, CancellationToken cancellationToken)
    {
        switch ((Vxi11Procedure)procedure)
        {
            case 0:
                return RpcResult.Success; // NULLPROC, which every RPC program answers
            case Vxi11Procedure.CreateLink:
                return await CreateLinkAsync(arguments, result);
            case Vxi11Procedure.DeviceWrite:
                return await WriteAsync(arguments, result);
            case Vxi11Procedure.DeviceRead:
                return await ReadAsync(arguments, result);
            case Vxi11Procedure.DeviceReadStb or Vxi11Procedure.DeviceTrigger or Vxi11Procedure.DeviceClear
                or Vxi11Procedure.DeviceRemote or Vxi11Procedure.DeviceLocal:
                return await GenericAsync((Vxi11Procedure)procedure, arguments, result);
            case Vxi11Procedure.DeviceLock:
                return await LockAsync(arguments, result);
            case Vxi11Procedure.DeviceUnlock:
                return Unlock(arguments, result);
            case Vxi11Procedure.DestroyLink:
                return DestroyLink(arguments, result);
            case Vxi11Procedure.DeviceEnableSrq or Vxi11Procedure.DeviceDoCmd:
                // Service requests and docmd are not offered: say so rather than pretend (VXI-11 error 8).
                _ = new XdrReader(arguments.Span).Int32();
                return Error(result, Vxi11Error.OperationNotSupported, procedure == (uint)Vxi11Procedure.DeviceDoCmd);
            case Vxi11Procedure.CreateInterruptChannel or Vxi11Procedure.DestroyInterruptChannel:
                return Error(result, Vxi11Error.OperationNotSupported);
            default:
                return RpcResult.ProcedureUnavailable;
        }
    }

    private static RpcResult Error(XdrWriter result, Vxi11Error error, bool withEmptyData = false)
    {
        result.Int32((int)error);
        if (withEmptyData)
        {
            result.Opaque([]);
        }

        return RpcResult.Success;
    }

    private static TimeSpan Milliseconds(uint value) =>
        value == Vxi11Constants.InfiniteTimeout ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(value);

    /// <summary>B.6.3 create_link → Create_LinkResp {error, lid, abortPort, maxRecvSize}.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RpcResult> CreateLinkAsync(ReadOnlyMemory<byte> arguments, XdrWriter result)
    {
        var (lockDevice, lockTimeout, name) = ParseCreateLink(arguments.Span);
        if (!server.TryGetDevice(name, out var device, out var deviceLock))
        {
            return CreateLinkReply(result, Vxi11Error.DeviceNotAccessible, 0);
        }

        var link = server.AddLink(name, device.Connect(), deviceLock);
        if (lockDevice && !await deviceLock.AcquireExclusiveAsync(link, Milliseconds(lockTimeout), stopping))
        {
            server.RemoveLink(link);
            return CreateLinkReply(result, Vxi11Error.DeviceLockedByAnotherLink, 0);
        }

        _links.Add(link);
        return CreateLinkReply(result, Vxi11Error.None, link.Id);

        static (bool LockDevice, uint LockTimeout, string Name) ParseCreateLink(ReadOnlySpan<byte> span)
        {
            var args = new XdrReader(span);
            args.Int32(); // clientId: lxi sends a truncated pointer; any value is accepted
            return (args.Bool(), args.UInt32(), args.String(256));
        }
    }

    private RpcResult CreateLinkReply(XdrWriter result, Vxi11Error error, int linkId)
    {
        result.Int32((int)error).Int32(linkId).UInt32((uint)server.AbortEndPoint.Port).UInt32((uint)server.Options.MaxReceiveSize);
        return RpcResult.Success;
    }

    /// <summary>B.6.4 device_write: accumulate; run every message ended by LF, or by END on this write.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RpcResult> WriteAsync(ReadOnlyMemory<byte> arguments, XdrWriter result)
    {
        var (linkId, lockTimeout, flags, dataOffset, dataLength) = ParseWrite(arguments.Span);
        var data = arguments.Slice(dataOffset, dataLength);
        if (!TryLink(linkId, out var link))
        {
            return WriteReply(result, Vxi11Error.InvalidLinkIdentifier, 0);
        }

        if (data.Length > server.Options.MaxReceiveSize)
        {
            return WriteReply(result, Vxi11Error.Parameter, 0);
        }

        var access = await WaitForAccessAsync(link, flags, lockTimeout);
        if (access != Vxi11Error.None)
        {
            return WriteReply(result, access, 0);
        }

        if (link.Output.HasData)
        {
            // IEEE 488.2 §6.3.2.3: a new message before the response was read interrupts the query.
            link.Output.Clear();
            link.Session.ReportMessageExchangeError(MessageExchangeError.QueryInterrupted);
        }

        if (!link.Input.TryAppend(data.Span))
        {
            link.Input.Clear();
            return WriteReply(result, Vxi11Error.OutOfResources, 0);
        }

        var end = (flags & Vxi11Constants.FlagEnd) != 0;
        while (TryExecute(link, end))
        {
        }

        return WriteReply(result, Vxi11Error.None, (uint)data.Length);

        static (int LinkId, uint LockTimeout, uint Flags, int DataOffset, int DataLength) ParseWrite(ReadOnlySpan<byte> span)
        {
            var args = new XdrReader(span);
            var linkId = args.Int32();
            args.UInt32(); // io_timeout: writes complete at once
            var lockTimeout = args.UInt32();
            var flags = args.UInt32();
            var before = args.Remaining;
            var data = args.Opaque();
            return (linkId, lockTimeout, flags, span.Length - before + 4, data.Length);
        }
    }

    private static bool TryExecute(Vxi11Link link, bool end)
    {
        if (!link.Input.TryTakeMessage(end, out var message))
        {
            return false;
        }

        link.Output.Detach();
        link.Output.Add(link.Session.ExecuteSequence(message));
        return true;
    }

    private static RpcResult WriteReply(XdrWriter result, Vxi11Error error, uint size)
    {
        result.Int32((int)error).UInt32(size);
        return RpcResult.Success;
    }

    /// <summary>B.6.5 device_read: up to requestSize bytes, stopping at termChar if asked; END with the last byte.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RpcResult> ReadAsync(ReadOnlyMemory<byte> arguments, XdrWriter result)
    {
        var (linkId, requestSize, ioTimeout, lockTimeout, flags, termChar) = ParseRead(arguments.Span);
        if (!TryLink(linkId, out var link))
        {
            return ReadReply(result, Vxi11Error.InvalidLinkIdentifier, 0, default);
        }

        var access = await WaitForAccessAsync(link, flags, lockTimeout);
        if (access != Vxi11Error.None)
        {
            return ReadReply(result, access, 0, default);
        }

        if (!link.Output.HasData)
        {
            // IEEE 488.2 §6.3.2.2: reading with nothing to read is a query error; the read then waits
            // for its io_timeout (or device_abort), as an instrument's would.
            link.Session.ReportMessageExchangeError(MessageExchangeError.QueryUnterminated);
            return ReadReply(result, await WaitOutAsync(link, Milliseconds(ioTimeout)), 0, default);
        }

        var data = link.Output.Peek(requestSize);
        var reason = 0;
        if ((flags & Vxi11Constants.FlagTermCharSet) != 0 && data.PositionOf(termChar) is { } at)
        {
            data = data.Slice(0, data.GetPosition(1, at));
            reason |= Vxi11Constants.ReasonTermChar;
        }

        link.Output.Advance(data.Length);
        if (!link.Output.HasData)
        {
            reason |= Vxi11Constants.ReasonEnd;
        }

        if (data.Length == requestSize)
        {
            reason |= Vxi11Constants.ReasonRequestCount;
        }

        return ReadReply(result, Vxi11Error.None, reason, data);

        static (int LinkId, uint RequestSize, uint IoTimeout, uint LockTimeout, uint Flags, byte TermChar) ParseRead(ReadOnlySpan<byte> span)
        {
            var args = new XdrReader(span);
            return (args.Int32(), args.UInt32(), args.UInt32(), args.UInt32(), args.UInt32(), (byte)args.UInt32());
        }
    }

    private static RpcResult ReadReply(XdrWriter result, Vxi11Error error, int reason, ReadOnlySequence<byte> data)
    {
        result.Int32((int)error).Int32(reason).UInt32((uint)data.Length);
        return RpcResult.WithData(data);
    }

    private async Task<Vxi11Error> WaitOutAsync(Vxi11Link link, TimeSpan timeout)
    {
        var abortable = link.BeginAbortable(stopping);
        try
        {
            await Task.Delay(timeout, server.Options.Clock, abortable.Token);
            return Vxi11Error.IOTimeout;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return Vxi11Error.Abort;
        }
        finally
        {
            link.EndAbortable(abortable);
        }
    }

    /// <summary>B.6.6–B.6.10: readstb, trigger, clear, remote, local on Device_GenericParms.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RpcResult> GenericAsync(Vxi11Procedure procedure, ReadOnlyMemory<byte> arguments, XdrWriter result)
    {
        var (linkId, flags, lockTimeout) = ParseGeneric(arguments.Span);
        var error = TryLink(linkId, out var link) ? await WaitForAccessAsync(link, flags, lockTimeout) : Vxi11Error.InvalidLinkIdentifier;
        byte stb = 0;
        if (error == Vxi11Error.None)
        {
            switch (procedure)
            {
                case Vxi11Procedure.DeviceReadStb:
                    stb = link.Session.ReadStatusByte(link.Output.HasData);
                    break;
                case Vxi11Procedure.DeviceTrigger:
                    link.Session.Trigger();
                    break;
                case Vxi11Procedure.DeviceClear:
                    link.Input.Clear();
                    link.Output.Clear();
                    link.Session.Clear();
                    break;

                // Remote and local: a simulator has no front panel to lock out, so both simply succeed.
            }
        }

        result.Int32((int)error);
        if (procedure == Vxi11Procedure.DeviceReadStb)
        {
            result.UInt32(stb);
        }

        return RpcResult.Success;

        static (int LinkId, uint Flags, uint LockTimeout) ParseGeneric(ReadOnlySpan<byte> span)
        {
            var args = new XdrReader(span);
            var parsed = (args.Int32(), args.UInt32(), args.UInt32());
            args.UInt32(); // io_timeout: none of these waits for I/O
            return parsed;
        }
    }

    /// <summary>B.6.11 device_lock.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RpcResult> LockAsync(ReadOnlyMemory<byte> arguments, XdrWriter result)
    {
        var (linkId, flags, lockTimeout) = ParseLock(arguments.Span);
        if (!TryLink(linkId, out var link))
        {
            return Error(result, Vxi11Error.InvalidLinkIdentifier);
        }

        var wait = (flags & Vxi11Constants.FlagWaitLock) != 0 ? Milliseconds(lockTimeout) : TimeSpan.Zero;
        var abortable = link.BeginAbortable(stopping);
        try
        {
            return Error(result, await link.DeviceLock.AcquireExclusiveAsync(link, wait, abortable.Token) ? Vxi11Error.None : Vxi11Error.DeviceLockedByAnotherLink);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return Error(result, Vxi11Error.Abort);
        }
        finally
        {
            link.EndAbortable(abortable);
        }

        static (int LinkId, uint Flags, uint LockTimeout) ParseLock(ReadOnlySpan<byte> span)
        {
            var args = new XdrReader(span);
            return (args.Int32(), args.UInt32(), args.UInt32());
        }
    }

    /// <summary>B.6.12 device_unlock.</summary>
    private RpcResult Unlock(ReadOnlyMemory<byte> arguments, XdrWriter result)
    {
        var linkId = new XdrReader(arguments.Span).Int32();
        if (!TryLink(linkId, out var link))
        {
            return Error(result, Vxi11Error.InvalidLinkIdentifier);
        }

        return Error(result, link.DeviceLock.Release(link) == LockRelease.NotHeld ? Vxi11Error.NoLockHeldByThisLink : Vxi11Error.None);
    }

    /// <summary>B.6.14 destroy_link: also releases the link's lock.</summary>
    private RpcResult DestroyLink(ReadOnlyMemory<byte> arguments, XdrWriter result)
    {
        var linkId = new XdrReader(arguments.Span).Int32();
        if (!TryLink(linkId, out var link))
        {
            return Error(result, Vxi11Error.InvalidLinkIdentifier);
        }

        _links.Remove(link);
        server.RemoveLink(link);
        return Error(result, Vxi11Error.None);
    }

    private bool TryLink(int id, out Vxi11Link link) =>
        server.TryGetLink(id, out link) && _links.Contains(link);

    /// <summary>While another link holds the lock: wait up to lock_timeout if WAITLOCK is set, else refuse at once (error 11).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Vxi11Error> WaitForAccessAsync(Vxi11Link link, uint flags, uint lockTimeout)
    {
        if (link.DeviceLock.Permits(link))
        {
            return Vxi11Error.None;
        }

        if ((flags & Vxi11Constants.FlagWaitLock) == 0)
        {
            return Vxi11Error.DeviceLockedByAnotherLink;
        }

        var abortable = link.BeginAbortable(stopping);
        try
        {
            return await link.DeviceLock.WaitPermittedAsync(link, Milliseconds(lockTimeout), abortable.Token)
                ? Vxi11Error.None
                : Vxi11Error.DeviceLockedByAnotherLink;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return Vxi11Error.Abort;
        }
        finally
        {
            link.EndAbortable(abortable);
        }
    }
}
