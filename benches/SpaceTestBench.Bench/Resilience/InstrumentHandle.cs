using System.Net.Sockets;
using System.Reflection;
using Polly;
using Polly.Retry;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Instruments;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Bench.Resilience;

/// <summary>
/// One instrument as the bench holds it: its driver (replaced on reconnect), one exchange at a time (the
/// interlock monitor and the steps share the connection), idempotent queries retried with Polly, a dropped
/// or desynchronised connection reopened, and every fault reported. A fault it cannot recover from
/// becomes an <see cref="InstrumentFaultException"/> naming the role, the instrument and the operation.
/// </summary>
internal sealed class InstrumentHandle : IAsyncDisposable
{
    // Settings the bench can read back, to tell a dropped connection from an instrument that lost its state.
    private static readonly Dictionary<string, string> ReadBack = new(StringComparer.Ordinal)
    {
        ["SetOutputAsync"] = "IsOutputOnAsync",
        ["SetSetpointAsync"] = "GetSetpointAsync",
    };

    private readonly SemaphoreSlim _exchange = new(1, 1);
    private readonly ResiliencePipeline _queries;
    private readonly BenchSafety _safety;
    private readonly RetryPolicyDefinition _policy;
    private readonly IServiceRequestLine? _serviceRequestLine;

    // Between reconnect attempts while an instrument comes back: often enough to catch it soon after it boots.
    private static readonly TimeSpan MaximumBackoff = TimeSpan.FromSeconds(1);

    private bool _lost;

    /// <param name="definition">The bench file's instrument.</param>
    /// <param name="resource">Its resource string.</param>
    /// <param name="openOptions">How it was opened (timeout, VXI-11 portmapper port): a reconnect opens it the same way.</param>
    /// <param name="driver">Its opened driver.</param>
    /// <param name="policy">Retry policy.</param>
    /// <param name="safety">Where faults are reported.</param>
    /// <param name="serviceRequestLine">The instrument's service request line when the bench sees it (a simulated instrument in process): a reconnected driver gets it too.</param>
    public InstrumentHandle(InstrumentDefinition definition, string resource, VisaOpenOptions openOptions, IInstrument driver, RetryPolicyDefinition policy, BenchSafety safety, IServiceRequestLine? serviceRequestLine = null)
    {
        _serviceRequestLine = serviceRequestLine;
        Definition = definition;
        Resource = resource;
        OpenOptions = openOptions;
        Driver = driver;
        _policy = policy;
        _safety = safety;
        _queries = policy.Attempts <= 1
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = policy.Attempts - 1,
                    Delay = policy.Backoff,
                    BackoffType = DelayBackoffType.Exponential,
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                })
                .Build();
    }

    public InstrumentDefinition Definition { get; }

    public string Resource { get; }

    /// <summary>The options the instrument was opened with; a reconnect uses them again (a simulator's VXI-11 portmapper is not on 111).</summary>
    public VisaOpenOptions OpenOptions { get; }

    /// <summary>The driver now in use (a new one after a reconnect).</summary>
    public IInstrument Driver { get; private set; }

    /// <summary>"Keysight E36312A at TCPIP0::127.0.0.1::5025::SOCKET", for messages.</summary>
    public string Label => $"{Definition.Model} at {Resource}";

    /// <summary>Runs one role operation on the instrument: exclusively, retried if it is an idempotent query.</summary>
    public async Task<T> CallAsync<T>(string role, MethodInfo method, object?[] arguments, Func<IInstrument, Task<T>> call, CancellationToken cancellationToken)
    {
        var operation = Describe(method, arguments);
        await _exchange.WaitAsync(cancellationToken);
        try
        {
            if (!IdempotentQueries.IsQuery(method))
            {
                try
                {
                    var result = await call(Driver);
                    if (SettingsJournal.IsSetting(method))
                    {
                        _safety.Journal.Record(role, method, arguments);
                    }

                    return result;
                }
                catch (Exception e) when (IsTransient(e))
                {
                    _safety.Fault(new InstrumentFaultRecord(_safety.Clock.GetUtcNow(), role, Label, operation, e.Message, Recovered: false));
                    // Not sent again (it may have acted); reconnect so the safe state can still reach the instrument.
                    await TryReconnectAsync(role, verify: false, cancellationToken);
                    throw new InstrumentFaultException(role, Label, operation, $"{e.Message} The operation changes the instrument, so it was not retried.", e);
                }
            }

            var faults = new List<InstrumentFaultRecord>();
            try
            {
                var result = await _queries.ExecuteAsync(
                    async token =>
                    {
                        try
                        {
                            return await call(Driver);
                        }
                        catch (Exception e) when (IsTransient(e))
                        {
                            faults.Add(new InstrumentFaultRecord(_safety.Clock.GetUtcNow(), role, Label, operation, e.Message, Recovered: false));
                            if (e is not ScpiInstrumentException)
                            {
                                // A timeout or garbage leaves a late or partial answer on the connection; only a new one is clean.
                                await ReconnectAsync(role, token);
                            }

                            throw;
                        }
                    },
                    cancellationToken);
                foreach (var fault in faults)
                {
                    _safety.Fault(fault with { Recovered = true });
                }

                return result;
            }
            catch (Exception e) when (IsTransient(e) || e is InstrumentStateLostException)
            {
                foreach (var fault in faults)
                {
                    _safety.Fault(fault);
                }

                var why = e is InstrumentStateLostException ? e.Message : $"{e.Message} ({_policy.Attempts} attempt(s)).";
                throw new InstrumentFaultException(role, Label, operation, why, e);
            }
        }
        finally
        {
            _exchange.Release();
        }
    }

    /// <summary>
    /// Puts the instrument in its safe state. Unlike other commands it is sent again after a reconnect:
    /// outputs off, source down and chamber to ambient are the same however often they are asked for.
    /// </summary>
    public async Task SafeStateAsync(string role, CancellationToken cancellationToken)
    {
        await _exchange.WaitAsync(cancellationToken);
        try
        {
            try
            {
                await Driver.SafeStateAsync(cancellationToken);
            }
            catch (Exception e) when (IsTransient(e))
            {
                _safety.Fault(new InstrumentFaultRecord(_safety.Clock.GetUtcNow(), role, Label, "SafeState()", e.Message, Recovered: false));
                await ReconnectAsync(role, cancellationToken, verify: false);
                await Driver.SafeStateAsync(cancellationToken);
            }
        }
        finally
        {
            _exchange.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Driver.DisposeAsync();
        _exchange.Dispose();
    }

    /// <summary>A fault worth a retry or a reconnect: the wire, the protocol or the instrument's error queue.</summary>
    internal static bool IsTransient(Exception e) => e is VisaException or IOException or SocketException or ObjectDisposedException;

    private async Task TryReconnectAsync(string role, bool verify, CancellationToken cancellationToken)
    {
        try
        {
            await ReconnectAsync(role, cancellationToken, verify);
        }
        catch (Exception e) when (IsTransient(e) || e is InstrumentStateLostException)
        {
            // The caller is already failing with the original fault; the next call tries again.
        }
    }

    /// <summary>The session a driver is made on: with the instrument's service request line when the bench sees it (a simulated instrument).</summary>
    internal static IMessageBasedSession WithLine(IMessageBasedSession session, IServiceRequestLine? line) =>
        line is null ? session : new ServiceRequestLineSession(session, line);

    private async Task ReconnectAsync(string role, CancellationToken cancellationToken, bool verify = true)
    {
        InstrumentDrivers.TryGet(Definition.Model, out var driver);
        var old = Driver;
        IInstrument? opened = null;
        Exception? failure = null;

        // Patient while the instrument may be rebooting (it refuses or drops connections for seconds), so the
        // next scenario's safe state reaches it instead of failing for asking too soon; once an instrument has
        // used up that window it is lost, and later reconnects try only their attempts, so a dead instrument
        // costs each scenario milliseconds, not the window again. Nor once the operator has asked to stop: the
        // stop's safe states try each instrument with its retry attempts and report one not reached, instead of
        // holding the operator for the window per silent instrument (issue 15: a Ctrl-C that took minutes).
        var window = _lost || _safety.OperatorStop.IsCancellationRequested ? TimeSpan.Zero : _policy.ReconnectWithin;
        var started = TimeProvider.System.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var session = await VisaResourceManager.OpenAsync(Resource, OpenOptions, cancellationToken);
                opened = driver.Create(WithLine(session, _serviceRequestLine));
                await opened.OpenAsync(cancellationToken);
                break;
            }
            catch (Exception e) when (IsTransient(e))
            {
                failure = e;
                if (opened is not null)
                {
                    await opened.DisposeAsync();
                    opened = null;
                }

                if (attempt + 1 >= Math.Max(1, _policy.Attempts) && TimeProvider.System.GetElapsedTime(started) >= window)
                {
                    break;
                }

                var backoff = _policy.Backoff * (1 << Math.Min(attempt, 10));
                await Task.Delay(backoff < MaximumBackoff ? backoff : MaximumBackoff, TimeProvider.System, cancellationToken);
            }
        }

        if (opened is null)
        {
            if (!_lost)
            {
                _lost = true;
                _safety.Note(role, $"The {Label} did not answer again within {window.TotalSeconds:0.#} s of losing its connection: {failure!.Message}");
            }

            throw failure!;
        }

        _lost = false;
        Driver = opened;
        await old.DisposeAsync();
        _safety.Note(role, $"Reconnected to the {Label}.");
        if (verify)
        {
            await VerifyStateAsync(role, cancellationToken);
        }
    }

    /// <summary>
    /// After a reconnect, reads back the settings the journal can check: an instrument that answers
    /// differently rebooted (or was changed by hand) and the test's premise is gone.
    /// </summary>
    private async Task VerifyStateAsync(string role, CancellationToken cancellationToken)
    {
        foreach (var entry in _safety.Journal.Entries.Where(e => _safety.RolesOfHandle(this).Contains(e.Role, StringComparer.OrdinalIgnoreCase)))
        {
            if (!ReadBack.TryGetValue(entry.Operation, out var getterName) || !BenchRoles.TryGet(entry.Role, out var kind))
            {
                continue;
            }

            var setter = kind.Capability.GetMethods().Concat(kind.Capability.GetInterfaces().SelectMany(i => i.GetMethods())).FirstOrDefault(m => m.Name == entry.Operation);
            var getter = kind.Capability.GetMethods().Concat(kind.Capability.GetInterfaces().SelectMany(i => i.GetMethods())).FirstOrDefault(m => m.Name == getterName);
            if (setter is null || getter is null)
            {
                continue;
            }

            var expected = SettingsJournal.Arguments(entry, setter, cancellationToken);
            var getterArguments = new object?[getter.GetParameters().Length];
            for (var i = 0; i < getterArguments.Length - 1; i++)
            {
                getterArguments[i] = expected[i];
            }

            getterArguments[^1] = cancellationToken;
            var task = (Task)getter.Invoke(Driver, getterArguments)!;
            await task;
            var actual = task.GetType().GetProperty("Result")!.GetValue(task);
            var wanted = expected[^2];
            var same = (actual, wanted) switch
            {
                (double a, double w) => Math.Abs(a - w) <= 1e-6 * Math.Max(1, Math.Abs(w)),
                _ => Equals(actual, wanted),
            };
            if (!same)
            {
                throw new InstrumentStateLostException(
                    $"after reconnecting, {getter.Name} answers {actual} but the bench had commanded {wanted} ({entry.Operation}): the instrument lost its state (it rebooted, or was changed by hand).");
            }
        }
    }

    private static string Describe(MethodInfo method, object?[] arguments) =>
        $"{method.Name.Replace("Async", "", StringComparison.Ordinal)}({string.Join(", ", arguments.Where(a => a is not CancellationToken).Select(a => a?.ToString() ?? "null"))})";
}

/// <summary>An instrument came back from a reconnect without the settings the bench had commanded.</summary>
internal sealed class InstrumentStateLostException(string message) : Exception(message);
