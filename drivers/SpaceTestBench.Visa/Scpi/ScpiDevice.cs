using System.Buffers;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// Base of a SCPI instrument on the server side: the IEEE 488.2 common commands, the SCPI-99 error queue
/// and status registers, and dispatch of program messages through the instrument's command tree.
/// One instance is one instrument; its state is shared by all connections and changed under one lock,
/// so handlers never run concurrently. Operations complete synchronously: <c>*OPC?</c> answers 1 at once.
/// </summary>
public abstract partial class ScpiDevice : IMessageDevice
{
    private readonly Lock _sync = new();
    private ScpiCommandTree? _tree;
    private bool _requestingService;

    /// <summary>An instrument answering *IDN? with <paramref name="identity"/>.</summary>
    protected ScpiDevice(InstrumentIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Identity = identity;
        EventStatusRegister = EventStatus.PowerOn;
    }

    /// <summary>What *IDN? answers.</summary>
    public InstrumentIdentity Identity { get; }

    /// <summary>The error/event queue (read it under <see cref="WithLock"/> from outside a handler).</summary>
    public ScpiErrorQueue Errors { get; } = new();

    /// <summary>Standard event status register (read-and-clear by *ESR?).</summary>
    public byte EventStatusRegister { get; private set; }

    /// <summary>Standard event status enable (*ESE).</summary>
    public byte EventStatusEnable { get; private set; }

    /// <summary>Service request enable (*SRE).</summary>
    public byte ServiceRequestEnable { get; private set; }

    /// <summary>SCPI-99 STATus:OPERation register; its summary is status byte bit 7.</summary>
    public ScpiStatusRegister Operation { get; } = new();

    /// <summary>SCPI-99 STATus:QUEStionable register; its summary is status byte bit 3.</summary>
    public ScpiStatusRegister Questionable { get; } = new();

    /// <summary>
    /// Whether the status byte's MSS bit is set now (IEEE 488.2 §11.2.2.2): the level of the device's service request line,
    /// brought up to date under the lock before and after every message, so before the response of the message that raised it.
    /// </summary>
    public bool RequestingService
    {
        get
        {
            lock (_sync)
            {
                return _requestingService;
            }
        }
    }

    /// <summary>Opens a client connection's state.</summary>
    public IDeviceSession Connect() => new Session(this);

    /// <summary>Adds an error to the queue and sets its event status bit.</summary>
    public void PushError(ScpiError error)
    {
        lock (_sync)
        {
            PushErrorUnlocked(error);
            TrackServiceRequest();
        }
    }

    /// <summary>Runs <paramref name="action"/> under the device lock (e.g. a physics model changing a condition bit).</summary>
    public void WithLock(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_sync)
        {
            action();
            TrackServiceRequest();
        }
    }

    /// <summary>Declares the instrument's own commands.</summary>
    protected abstract void DeclareCommands(ScpiCommandTree tree);

    /// <summary>
    /// Called under the device lock before and after each program message, status byte read, device clear and
    /// trigger, so a device whose condition registers follow a physical state brings them up to date before
    /// anything reads them, and its service request follows at once.
    /// </summary>
    protected virtual void RefreshConditions()
    {
    }

    /// <summary>
    /// Called under the device lock when the status byte's MSS bit rises (IEEE 488.2 §11.2.2.2: a summary bit
    /// enabled by *SRE), i.e. when the device starts requesting service: what a GPIB SRQ line, a HiSLIP
    /// AsyncServiceRequest or a VXI-11 device_intr_srq carries to the controller. It must not call back into
    /// the device on this thread.
    /// </summary>
    protected virtual void OnServiceRequest()
    {
    }

    /// <summary>Compares MSS with what it was; raises <see cref="OnServiceRequest"/> on its rising edge. Under the lock.</summary>
    private void TrackServiceRequest()
    {
        var requesting = (StatusByteUnlocked(messageAvailable: false) & 0x40) != 0;
        var rose = requesting && !_requestingService;
        _requestingService = requesting;
        if (rose)
        {
            OnServiceRequest();
        }
    }

    /// <summary>Brings the conditions up to date and follows the service request. Under the lock.</summary>
    private void Refresh()
    {
        RefreshConditions();
        TrackServiceRequest();
    }

    /// <summary>*RST: return the instrument to its reset state (IEEE 488.2 §10.32: not the status or error queue).</summary>
    protected abstract void Reset();

    /// <summary>*TST?: 0 if the self-test passes.</summary>
    protected virtual int SelfTest() => 0;

    /// <summary>*TRG or a protocol trigger. Without a trigger system the trigger is reported as -211, not dropped.</summary>
    protected virtual void OnTrigger() =>
        throw new ScpiErrorException(ScpiError.TriggerIgnored.WithInfo("this instrument has no trigger system"));

    /// <summary>Device clear: abandon pending work (IEEE 488.2 §5.8); settings and the error queue stay.</summary>
    protected virtual void OnDeviceClear()
    {
    }

    /// <summary>Device-specific bits of the status byte (bits 0 and 1).</summary>
    protected virtual byte DeviceStatusBits => 0;

    private ScpiCommandTree Tree => _tree ??= BuildTree();

    private void PushErrorUnlocked(ScpiError error)
    {
        Errors.Push(error);
        EventStatusRegister |= error.EventStatusBit;
    }

    private byte StatusByteUnlocked(bool messageAvailable)
    {
        var stb = DeviceStatusBits & 0x03;
        if (Errors.Count > 0)
        {
            stb |= 0x04; // SCPI-99 EAV
        }

        if (Questionable.Summary)
        {
            stb |= 0x08;
        }

        if (messageAvailable)
        {
            stb |= 0x10; // MAV
        }

        if ((EventStatusRegister & EventStatusEnable) != 0)
        {
            stb |= 0x20; // ESB
        }

        if (Operation.Summary)
        {
            stb |= 0x80;
        }

        if ((stb & ServiceRequestEnable & 0xBF) != 0)
        {
            stb |= 0x40; // IEEE 488.2 §11.2.2.2: MSS
        }

        return (byte)stb;
    }

    private void Execute(ReadOnlySpan<byte> message, ScpiResponseWriter writer, ScpiPlanCache plans)
    {
        var plan = plans.Get(Tree, message);
        if (plan.ParseError is { } parseError)
        {
            PushErrorUnlocked(parseError);
            return;
        }

        foreach (var (unit, match) in plan.Steps)
        {
            if (match is null)
            {
                PushErrorUnlocked(ScpiError.UndefinedHeader.WithInfo(unit.Text));
                return;
            }

            if (!RunHandler(match, unit, writer))
            {
                return;
            }
        }
    }

    /// <summary>Runs one handler; false if a command error means the rest of the message must be skipped.</summary>
    private bool RunHandler(ScpiCommandTree.Match found, ScpiProgramUnit unit, ScpiResponseWriter writer)
    {
        var context = new ScpiCommandContext(unit, found.Suffixes, found.Pattern);
        try
        {
            var response = found.Handler(context);
            if (context.HasUnreadParameters)
            {
                PushErrorUnlocked(ScpiError.ParameterNotAllowed.WithInfo(unit.Text));
                return false;
            }

            if (response is { } r)
            {
                writer.Append(r);
            }
        }
        catch (ScpiErrorException e)
        {
            PushErrorUnlocked(e.Error);
            return e.Error.Code is > -100 or <= -200;
        }
#pragma warning disable CA1031 // a fault in a simulated instrument becomes its error, as on a real one; it must not kill the server
        catch (Exception e)
#pragma warning restore CA1031
        {
            PushErrorUnlocked(ScpiError.DeviceSpecificError.WithInfo($"{e.GetType().Name}: {e.Message}"));
        }

        return true;
    }

    private sealed class Session(ScpiDevice device) : IDeviceSession
    {
        private readonly ScpiResponseWriter _writer = new();
        private readonly ScpiPlanCache _plans = new();

        public ReadOnlyMemory<byte> Execute(ReadOnlySpan<byte> programMessage)
        {
            var response = ExecuteSequence(programMessage);
            return response.IsSingleSegment ? response.First : response.ToArray();
        }

        public ReadOnlySequence<byte> ExecuteSequence(ReadOnlySpan<byte> programMessage)
        {
            lock (device._sync)
            {
                _writer.Reset();
                device.Refresh();
                device.Execute(programMessage, _writer, _plans);
                device.Refresh();
                return _writer.Finish();
            }
        }

        public byte ReadStatusByte() => ReadStatusByte(messageAvailable: false);

        public byte ReadStatusByte(bool messageAvailable)
        {
            lock (device._sync)
            {
                device.Refresh();
                return device.StatusByteUnlocked(messageAvailable);
            }
        }

        public void Clear()
        {
            lock (device._sync)
            {
                _writer.Reset();
                device.OnDeviceClear();
                device.Refresh();
            }
        }

        public void Trigger()
        {
            lock (device._sync)
            {
                try
                {
                    device.OnTrigger();
                }
                catch (ScpiErrorException e)
                {
                    device.PushErrorUnlocked(e.Error);
                }

                device.Refresh();
            }
        }

        public void ReportMessageExchangeError(MessageExchangeError kind)
        {
            device.PushError(kind == MessageExchangeError.QueryInterrupted ? ScpiError.QueryInterrupted : ScpiError.QueryUnterminated);
        }

        public void Dispose()
        {
        }
    }
}
