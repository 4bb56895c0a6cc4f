using System.Net.Sockets;
using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// What every transport's session shares: VISA attributes, formatted I/O, the per-operation deadline on
/// the session's I/O clock, and one mapping of failures to typed exceptions (timeout, connection lost,
/// protocol error). A session runs one operation at a time; overlapping calls are refused rather than
/// interleaving bytes of two messages.
/// </summary>
public abstract class MessageBasedSession : IMessageBasedSession, IMessageBasedRawIO
{
    private readonly IoDeadline _deadline;
    private int _timeoutMilliseconds;
    private int _busy;
    private bool _disposed;

    /// <summary>A session on <paramref name="resource"/> with the options it was opened with.</summary>
    protected MessageBasedSession(ResourceName resource, VisaOpenOptions options)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        Resource = resource;
        IOClock = options.IOClock;
        _deadline = new IoDeadline(options.IOClock);
        TimeoutMilliseconds = options.TimeoutMilliseconds;
        FormattedIO = new MessageBasedFormattedIO(this);
    }

    /// <inheritdoc />
    public string ResourceName => Resource.Original;

    /// <inheritdoc />
    public ResourceName Resource { get; }

    /// <inheritdoc />
    public int TimeoutMilliseconds
    {
        get => _timeoutMilliseconds;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, Timeout.Infinite);
            _timeoutMilliseconds = value;
        }
    }

    /// <inheritdoc />
    public byte TerminationCharacter { get; set; } = (byte)'\n';

    /// <inheritdoc />
    public bool TerminationCharacterEnabled { get; set; }

    /// <summary>Whether a write ends its last byte with END (VISA <c>VI_ATTR_SEND_END_EN</c>, default true).</summary>
    public bool SendEndEnabled { get; set; } = true;

    /// <inheritdoc />
    public ResourceLockState LockState { get; protected set; }

    /// <inheritdoc />
    public IMessageBasedRawIO RawIO => this;

    /// <inheritdoc />
    public MessageBasedFormattedIO FormattedIO { get; }

    /// <summary>The clock I/O deadlines are measured on.</summary>
    protected TimeProvider IOClock { get; }

    /// <summary>True once the session is disposed.</summary>
    protected bool IsDisposed => _disposed;

    /// <inheritdoc />
    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract Task ClearAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract Task<StatusByteFlags> ReadStatusByteAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The status byte by <c>*STB?</c> (IEEE 488.2 §10.36), for transports without a serial poll (raw
    /// socket, serial line); MAV reads 0 since the query itself consumed the message.
    /// </summary>
    protected async Task<StatusByteFlags> QueryStatusByteAsync(CancellationToken cancellationToken)
    {
        var response = await FormattedIO.QueryAsync("*STB?", cancellationToken);
        return byte.TryParse(response.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var stb)
            ? (StatusByteFlags)stb
            : throw new VisaProtocolException(ResourceName, $"*STB? answered '{MessageBasedFormattedIO.Shorten(response)}', not a status byte.");
    }

    /// <inheritdoc />
    public virtual Task AssertTriggerAsync(CancellationToken cancellationToken = default) =>
        FormattedIO.WriteLineAsync("*TRG", cancellationToken).AsTask();

    /// <inheritdoc />
    public virtual Task<string?> LockResourceAsync(int timeoutMilliseconds, string? sharedKey = null, CancellationToken cancellationToken = default) =>
        throw new VisaOperationNotSupportedException(ResourceName, $"locking ({Resource.Canonical})");

    /// <inheritdoc />
    public virtual Task UnlockResourceAsync(CancellationToken cancellationToken = default) =>
        throw new VisaOperationNotSupportedException(ResourceName, $"locking ({Resource.Canonical})");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await DisposeCoreAsync();
        }
        finally
        {
            _deadline.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Closes the transport (say goodbye where the protocol asks for it, then close sockets).</summary>
    protected abstract ValueTask DisposeCoreAsync();

    /// <summary>
    /// Starts an operation: refuses overlap and use after dispose, arms the deadline and returns the token
    /// every await of the operation must use. Pair with <see cref="EndOperation"/> in a finally block.
    /// </summary>
    protected CancellationToken BeginOperation(CancellationToken cancellationToken, int? timeoutMilliseconds = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException($"{ResourceName}: another operation is in progress on this session; a session runs one operation at a time.");
        }

        try
        {
            return _deadline.Start(timeoutMilliseconds ?? TimeoutMilliseconds, cancellationToken);
        }
        catch
        {
            Volatile.Write(ref _busy, 0);
            throw;
        }
    }

    /// <summary>Ends the operation started by <see cref="BeginOperation"/>.</summary>
    protected void EndOperation()
    {
        _deadline.Stop();
        Volatile.Write(ref _busy, 0);
    }

    /// <summary>True if the current operation's deadline (not the caller) cancelled it.</summary>
    protected bool DeadlineExpired(CancellationToken cancellationToken) => _deadline.Expired(cancellationToken);

    /// <summary>
    /// True for the failures <see cref="Translate"/> maps; use as an exception filter so the caller's own
    /// cancellation still surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    protected static bool IsTranslatable(Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            OperationCanceledException => !cancellationToken.IsCancellationRequested,
            SocketException or IOException or ObjectDisposedException or EndOfStreamException => true,
            _ => false,
        };

    /// <summary>Maps a transport failure to the VISA exception for it.</summary>
    protected VisaException Translate(Exception exception, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            OperationCanceledException when DeadlineExpired(cancellationToken) =>
                new VisaTimeoutException(ResourceName, operation, TimeSpan.FromMilliseconds(TimeoutMilliseconds), exception),
            EndOfStreamException => new VisaConnectionLostException(ResourceName, $"the instrument closed the connection while this session tried to {operation}.", exception),
            ObjectDisposedException => new VisaConnectionLostException(ResourceName, $"the connection was closed while this session tried to {operation}.", exception),
            _ => new VisaConnectionLostException(ResourceName, $"the connection was lost while this session tried to {operation}: {exception.Message}", exception),
        };
    }
}
