namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// A message-based session together with its instrument's service request line, seen out of band (a bench in the same
/// process as a simulated instrument): every operation goes to <paramref name="inner"/>, the line's level comes from
/// <paramref name="line"/>. Drivers find the line by <see cref="IServiceRequestLine"/>.
/// </summary>
public sealed class ServiceRequestLineSession(IMessageBasedSession inner, IServiceRequestLine line) : IMessageBasedSession, IServiceRequestLine
{
    private readonly IMessageBasedSession _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly IServiceRequestLine _line = line ?? throw new ArgumentNullException(nameof(line));

    /// <inheritdoc />
    public bool ServiceRequestAsserted => _line.ServiceRequestAsserted;

    /// <inheritdoc />
    public string ResourceName => _inner.ResourceName;

    /// <inheritdoc />
    public Resources.ResourceName Resource => _inner.Resource;

    /// <inheritdoc />
    public int TimeoutMilliseconds
    {
        get => _inner.TimeoutMilliseconds;
        set => _inner.TimeoutMilliseconds = value;
    }

    /// <inheritdoc />
    public ResourceLockState LockState => _inner.LockState;

    /// <inheritdoc />
    public byte TerminationCharacter
    {
        get => _inner.TerminationCharacter;
        set => _inner.TerminationCharacter = value;
    }

    /// <inheritdoc />
    public bool TerminationCharacterEnabled
    {
        get => _inner.TerminationCharacterEnabled;
        set => _inner.TerminationCharacterEnabled = value;
    }

    /// <inheritdoc />
    public IMessageBasedRawIO RawIO => _inner.RawIO;

    /// <inheritdoc />
    public MessageBasedFormattedIO FormattedIO => _inner.FormattedIO;

    /// <inheritdoc />
    public Task ClearAsync(CancellationToken cancellationToken = default) => _inner.ClearAsync(cancellationToken);

    /// <inheritdoc />
    public Task<StatusByteFlags> ReadStatusByteAsync(CancellationToken cancellationToken = default) => _inner.ReadStatusByteAsync(cancellationToken);

    /// <inheritdoc />
    public Task AssertTriggerAsync(CancellationToken cancellationToken = default) => _inner.AssertTriggerAsync(cancellationToken);

    /// <inheritdoc />
    public Task<string?> LockResourceAsync(int timeoutMilliseconds, string? sharedKey = null, CancellationToken cancellationToken = default) =>
        _inner.LockResourceAsync(timeoutMilliseconds, sharedKey, cancellationToken);

    /// <inheritdoc />
    public Task UnlockResourceAsync(CancellationToken cancellationToken = default) => _inner.UnlockResourceAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
