using System.Net.Sockets;
using System.Text;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Simulation.Faults;

/// <summary>
/// Stands between a simulated instrument and its protocol server and makes it misbehave on demand: delayed,
/// missing or garbage responses, dropped connections, errors in its queue, reboots, a shift of a supply's
/// current readings, and DUT faults. Faults
/// are armed with a trigger (next command, after n commands, at a bench time, on a matching command, or at
/// random) from a test or from the bench file; every injection is recorded with its bench time.
/// I/O timing (delays, boot time) is wall time, as the bytes on the wire are; state faults at a bench time
/// happen exactly then, through the bench clock's timers.
/// </summary>
public sealed class FaultInjector : IMessageDevice, IDisposable
{
    private readonly Lock _sync = new();
    private readonly List<Armed> _armed = [];
    private readonly List<InjectedFault> _injected = [];
    private readonly List<ITimer> _timers = [];
    private readonly Random _random;
    private readonly CancellationTokenSource _disposed = new();
    private Active? _active;
    private long _commands;
    private readonly Dictionary<string, long> _headers = new(StringComparer.OrdinalIgnoreCase);
    private long _generation;
    private DateTimeOffset _deafUntil;

    private readonly TimeProvider _wall;

    /// <summary>
    /// A fault injector in front of <paramref name="instrument"/>, acting on <paramref name="facility"/>'s DUT for
    /// DUT faults; a reboot's boot time runs on <paramref name="wall"/> (the wall clock by default: bytes on the
    /// wire take real time; a test passes a clock it moves itself, so nothing depends on the machine's speed).
    /// </summary>
    public FaultInjector(ISimulatedInstrument instrument, SimulatedFacility facility, int seed, TimeProvider? wall = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(facility);
        Instrument = instrument;
        Facility = facility;
        _wall = wall ?? TimeProvider.System;
        _random = RandomStreams.ReadingNoise(seed, "faults:" + instrument.Model, facility);
    }

    /// <summary>The instrument behind the injector.</summary>
    public ISimulatedInstrument Instrument { get; }

    /// <summary>The world (for DUT faults and bench time).</summary>
    public SimulatedFacility Facility { get; }

    /// <summary>Every fault injected so far, in order.</summary>
    public IReadOnlyList<InjectedFault> Injected
    {
        get
        {
            lock (_sync)
            {
                return [.. _injected];
            }
        }
    }

    /// <summary>Faults armed and not yet fired (random ones stay armed).</summary>
    public int ArmedCount
    {
        get
        {
            lock (_sync)
            {
                return _armed.Count;
            }
        }
    }

    /// <summary>Program messages the instrument has been sent through this injector (each one exchange, whether or not it held a query).</summary>
    public long Messages
    {
        get
        {
            lock (_sync)
            {
                return _commands;
            }
        }
    }

    /// <summary>
    /// The program messages sent through this injector by their headers (the message up to its first parameter), most
    /// frequent first: what a simulated campaign's exchanges are spent on (docs/architecture.md counts the main job by them).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, long>> MessagesByHeader
    {
        get
        {
            lock (_sync)
            {
                return [.. _headers.OrderByDescending(h => h.Value).ThenBy(h => h.Key, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Arms <paramref name="fault"/> to fire on <paramref name="trigger"/> (default: the next command).</summary>
    public void Inject(InstrumentFault fault, FaultTrigger? trigger = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Kind == InstrumentFaultKind.CurrentReadingShift && Instrument is not ISimulatedSupply)
        {
            throw new ArgumentException($"A current-reading shift acts on a supply's or source-measure unit's current readings; the {Instrument.Model} has none.", nameof(fault));
        }

        trigger ??= FaultTrigger.NextCommand;
        if (trigger is AtBenchTimeTrigger at && fault.ChangesState)
        {
            var due = Facility.Start + at.SinceStart - Facility.Clock.GetUtcNow();
            var timer = Facility.Clock.CreateTimer(_ => FireState(fault, null), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
            lock (_sync)
            {
                _timers.Add(timer);
            }

            return;
        }

        lock (_sync)
        {
            _armed.Add(new Armed(fault, trigger, _commands));
        }
    }

    /// <summary>Disarms every pending fault.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _armed.Clear();
            _active = null;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    /// <inheritdoc />
    public IDeviceSession Connect() => new Session(this, Instrument.Connect());

    /// <inheritdoc />
    public void Dispose()
    {
        Clear();
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private ReadOnlyMemory<byte> Execute(Session session, ReadOnlySpan<byte> message)
    {
        var command = Encoding.ASCII.GetString(message).Trim();
        InstrumentFault? fault;
        lock (_sync)
        {
            if (session.Generation != _generation || _wall.GetUtcNow() < _deafUntil)
            {
                throw Dropped("the instrument is rebooting");
            }

            fault = Select(command);
            _commands++;
            var header = Header(command);
            _headers[header] = _headers.GetValueOrDefault(header) + 1;
            if (fault is not null)
            {
                _injected.Add(new InjectedFault(Facility.Clock.GetUtcNow(), fault.Kind, command));
            }
        }

        if (fault is null)
        {
            return session.Inner.Execute(message);
        }

        switch (fault.Kind)
        {
            case InstrumentFaultKind.Disconnect:
                throw Dropped("injected connection drop");
            case InstrumentFaultKind.Reboot:
                Reboot(fault);
                throw Dropped("injected reboot");
            case InstrumentFaultKind.NoResponse:
                session.Inner.Execute(message);
                return ReadOnlyMemory<byte>.Empty;
            case InstrumentFaultKind.Garbage:
                session.Inner.Execute(message);
                return Garbage();
            case InstrumentFaultKind.Delay:
                // The protocol server calls Execute synchronously and sends what it returns: holding the
                // response back is holding this call (only this connection waits; disposal releases it).
                var response = session.Inner.Execute(message).ToArray();
                // A delay past what a wait handle can count (~24.8 days) is a response that never comes before disposal.
                _disposed.Token.WaitHandle.WaitOne(fault.Delay.TotalMilliseconds < int.MaxValue ? fault.Delay : Timeout.InfiniteTimeSpan);
                return response;
            default:
                ApplyState(fault);
                return session.Inner.Execute(message);
        }
    }

    /// <summary>A program message without its parameters (<c>:SOUR:CLO1:SPO 25</c> → <c>:SOUR:CLO1:SPO</c>), for <see cref="MessagesByHeader"/>.</summary>
    private static string Header(string message)
    {
        var space = message.IndexOfAny([' ', '\t']);
        return space < 0 ? message : message[..space];
    }

    /// <summary>The fault this command triggers, if any (under the lock).</summary>
    private InstrumentFault? Select(string command)
    {
        if (_active is { } active)
        {
            _active = active.Remaining > 1 ? active with { Remaining = active.Remaining - 1 } : null;
            return active.Fault;
        }

        for (var i = 0; i < _armed.Count; i++)
        {
            var armed = _armed[i];
            var fires = armed.Trigger switch
            {
                AfterCommandsTrigger after => _commands - armed.ArmedAt >= after.Commands,
                AtBenchTimeTrigger at => Facility.Clock.GetUtcNow() >= Facility.Start + at.SinceStart,
                OnCommandTrigger on => command.Contains(on.Text, StringComparison.OrdinalIgnoreCase),
                ProbabilityTrigger random => _random.NextDouble() < random.Probability,
                _ => false,
            };
            if (!fires)
            {
                continue;
            }

            if (armed.Trigger is not ProbabilityTrigger)
            {
                _armed.RemoveAt(i);
            }

            if (armed.Fault.Count > 1 && !armed.Fault.ChangesState)
            {
                _active = new Active(armed.Fault, armed.Fault.Count - 1);
            }

            return armed.Fault;
        }

        return null;
    }

    private void FireState(InstrumentFault fault, string? command)
    {
        lock (_sync)
        {
            _injected.Add(new InjectedFault(Facility.Clock.GetUtcNow(), fault.Kind, command));
        }

        if (fault.Kind == InstrumentFaultKind.Reboot)
        {
            Reboot(fault);
        }
        else
        {
            ApplyState(fault);
        }
    }

    private void ApplyState(InstrumentFault fault)
    {
        switch (fault.Kind)
        {
            case InstrumentFaultKind.ScpiError:
                Instrument.InjectError(fault.ErrorCode, fault.ErrorText);
                break;
            case InstrumentFaultKind.Latchup:
                Facility.InjectLatchup();
                break;
            case InstrumentFaultKind.FunctionalInterrupt:
                Facility.InjectFunctionalInterrupt(fault.RecoverableBySoftReset);
                break;
            case InstrumentFaultKind.CurrentReadingShift:
                Facility.Run(() =>
                {
                    foreach (var output in ((ISimulatedSupply)Instrument).Outputs)
                    {
                        output.CurrentReadingOffset += fault.CurrentOffset;
                    }
                });
                break;
        }
    }

    private void Reboot(InstrumentFault fault)
    {
        Instrument.PowerCycle();
        lock (_sync)
        {
            _generation++;
            _deafUntil = _wall.GetUtcNow() + fault.RebootTime;
        }
    }

    private ReadOnlyMemory<byte> Garbage()
    {
        var bytes = new byte[8 + _random.Next(24)];
        lock (_sync)
        {
            _random.NextBytes(bytes);
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            // Never a line feed inside: the client must see one garbage message, not several.
            bytes[i] = bytes[i] == (byte)'\n' ? (byte)0xFF : bytes[i];
        }

        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static SocketException Dropped(string why) => new((int)SocketError.ConnectionReset, why);

    private sealed record Armed(InstrumentFault Fault, FaultTrigger Trigger, long ArmedAt);

    private sealed record Active(InstrumentFault Fault, int Remaining);

    private sealed class Session(FaultInjector injector, IDeviceSession inner) : IDeviceSession
    {
        public IDeviceSession Inner { get; } = inner;

        public long Generation { get; } = injector.CurrentGeneration;

        public ReadOnlyMemory<byte> Execute(ReadOnlySpan<byte> programMessage) => injector.Execute(this, programMessage);

        public byte ReadStatusByte() => Inner.ReadStatusByte();

        public void Clear() => Inner.Clear();

        public void Dispose() => Inner.Dispose();
    }

    private long CurrentGeneration
    {
        get
        {
            lock (_sync)
            {
                return _generation;
            }
        }
    }
}
