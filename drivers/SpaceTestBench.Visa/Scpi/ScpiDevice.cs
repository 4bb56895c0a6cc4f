using System.Text;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// Base of a SCPI instrument on the server side: the IEEE 488.2 common commands, the SCPI-99 error queue
/// and status registers, and dispatch of program messages through the instrument's command tree.
/// One instance is one instrument; its state is shared by all connections and changed under one lock.
/// </summary>
public abstract class ScpiDevice : IMessageDevice
{
    private readonly Lock _sync = new();
    private ScpiCommandTree? _tree;

    /// <summary>An instrument answering *IDN? with <paramref name="identity"/>.</summary>
    protected ScpiDevice(InstrumentIdentity identity)
    {
        Identity = identity;
        EventStatusRegister = EventStatus.PowerOn;
    }

    /// <summary>What *IDN? answers.</summary>
    public InstrumentIdentity Identity { get; }

    /// <summary>The error/event queue.</summary>
    public ScpiErrorQueue Errors { get; } = new();

    /// <summary>Standard event status register (read-and-clear by *ESR?).</summary>
    public byte EventStatusRegister { get; private set; }

    /// <summary>Standard event status enable (*ESE).</summary>
    public byte EventStatusEnable { get; private set; }

    /// <summary>Service request enable (*SRE).</summary>
    public byte ServiceRequestEnable { get; private set; }

    /// <summary>Opens a client connection's state.</summary>
    public IDeviceSession Connect() => new Session(this);

    /// <summary>Adds an error to the queue and sets its event status bit.</summary>
    public void PushError(ScpiError error)
    {
        lock (_sync)
        {
            PushErrorUnlocked(error);
        }
    }

    /// <summary>Declares the instrument's own commands.</summary>
    protected abstract void DeclareCommands(ScpiCommandTree tree);

    /// <summary>*RST: return the instrument to its reset state.</summary>
    protected abstract void Reset();

    /// <summary>*TST?: 0 if the self-test passes.</summary>
    protected virtual int SelfTest() => 0;

    /// <summary>Device-specific bits of the status byte (bits 0, 1, 3, 7).</summary>
    protected virtual byte DeviceStatusBits => 0;

    private ScpiCommandTree Tree => _tree ??= BuildTree();

    private ScpiCommandTree BuildTree()
    {
        var tree = new ScpiCommandTree();
        tree.Query("*IDN?", _ => Identity.ToResponse())
            .Command("*RST", _ => Reset())
            .Command("*CLS", _ =>
            {
                Errors.Clear();
                EventStatusRegister = 0;
            })
            .Command("*ESE", ctx => EventStatusEnable = (byte)ctx.Parameter(0).AsInteger(0, 255))
            .Query("*ESE?", _ => ScpiFormat.Nr1(EventStatusEnable))
            .Query("*ESR?", _ =>
            {
                var value = EventStatusRegister;
                EventStatusRegister = 0;
                return ScpiFormat.Nr1(value);
            })
            .Command("*SRE", ctx => ServiceRequestEnable = (byte)(ctx.Parameter(0).AsInteger(0, 255) & ~0x40))
            .Query("*SRE?", _ => ScpiFormat.Nr1(ServiceRequestEnable))
            .Command("*OPC", _ => EventStatusRegister |= EventStatus.OperationComplete)
            .Query("*OPC?", _ => "1")
            .Command("*WAI", _ => { })
            .Query("*TST?", _ => ScpiFormat.Nr1(SelfTest()))
            .Query("SYSTem:ERRor[:NEXT]?", _ => Errors.Pop().ToString())
            .Query("SYSTem:ERRor:COUNt?", _ => ScpiFormat.Nr1(Errors.Count))
            .Query("SYSTem:VERSion?", _ => "1999.0");
        DeclareCommands(tree);
        return tree;
    }

    private void PushErrorUnlocked(ScpiError error)
    {
        Errors.Push(error);
        EventStatusRegister |= error.EventStatusBit;
    }

    private byte StatusByte(bool messageAvailable)
    {
        lock (_sync)
        {
            var stb = DeviceStatusBits & 0x8B;
            if (Errors.Count > 0)
            {
                stb |= 0x04; // EAV
            }

            if (messageAvailable)
            {
                stb |= 0x10; // MAV
            }

            if ((EventStatusRegister & EventStatusEnable) != 0)
            {
                stb |= 0x20; // ESB
            }

            if ((stb & ServiceRequestEnable & 0xBF) != 0)
            {
                stb |= 0x40; // MSS
            }

            return (byte)stb;
        }
    }

    private ReadOnlyMemory<byte> Execute(ReadOnlySpan<byte> message)
    {
        lock (_sync)
        {
            IReadOnlyList<ScpiProgramUnit> units;
            try
            {
                units = ScpiProgramParser.Parse(message);
            }
            catch (ScpiErrorException e)
            {
                PushErrorUnlocked(e.Error);
                return ReadOnlyMemory<byte>.Empty;
            }

            var responses = new List<ScpiResponse>();
            ScpiHeaderNode[] path = [];
            foreach (var unit in units)
            {
                IReadOnlyList<ScpiHeaderNode> nodes = unit.IsCommon || unit.IsAbsolute || path.Length == 0 ? unit.Nodes : [.. path, .. unit.Nodes];
                var found = Tree.Find(nodes, unit.IsQuery);
                if (found is null)
                {
                    // A command that exists only as a query (or only as a command) is still an undefined header.
                    PushErrorUnlocked(ScpiError.UndefinedHeader.WithInfo(unit.Text));
                    break; // IEEE 488.2 §6.1.6.1.1: the rest of the message is not executed after a command error
                }

                try
                {
                    var response = found.Value.Handler(new ScpiCommandContext(unit, found.Value.Suffixes));
                    if (response is { } r)
                    {
                        responses.Add(r);
                    }
                }
                catch (ScpiErrorException e)
                {
                    PushErrorUnlocked(e.Error);
                    if (e.Error.Code is <= -100 and > -200)
                    {
                        break;
                    }
                }
#pragma warning disable CA1031 // a fault in a simulated instrument becomes its error, as on a real one; it must not kill the server
                catch (Exception e)
#pragma warning restore CA1031
                {
                    PushErrorUnlocked(ScpiError.DeviceSpecificError.WithInfo($"{e.GetType().Name}: {e.Message}"));
                }

                if (!unit.IsCommon)
                {
                    path = nodes.Count > 1 ? [.. nodes.Take(nodes.Count - 1)] : [];
                }
            }

            return Format(responses);
        }
    }

    private static ReadOnlyMemory<byte> Format(List<ScpiResponse> responses)
    {
        if (responses.Count == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (responses.Count == 1 && responses[0].Text is { } single)
        {
            var bytes = new byte[Encoding.ASCII.GetByteCount(single) + 1];
            Encoding.ASCII.GetBytes(single, bytes);
            bytes[^1] = (byte)'\n';
            return bytes;
        }

        using var stream = new MemoryStream();
        for (var i = 0; i < responses.Count; i++)
        {
            if (i > 0)
            {
                stream.WriteByte((byte)';');
            }

            if (responses[i].Text is { } text)
            {
                stream.Write(Encoding.ASCII.GetBytes(text));
            }
            else
            {
                // IEEE 488.2 §8.7.9: definite length arbitrary block
                var length = responses[i].Block.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                stream.Write(Encoding.ASCII.GetBytes($"#{length.Length}{length}"));
                stream.Write(responses[i].Block.Span);
            }
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private sealed class Session(ScpiDevice device) : IDeviceSession
    {
        public ReadOnlyMemory<byte> Execute(ReadOnlySpan<byte> programMessage) => device.Execute(programMessage);

        public byte ReadStatusByte() => device.StatusByte(messageAvailable: false);

        public void Clear()
        {
        }

        public void Dispose()
        {
        }
    }
}
