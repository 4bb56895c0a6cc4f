namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// One VXI-11 link (create_link … destroy_link): a device session with its input buffer, the response
/// waiting for device_read, and the operation device_abort may cancel.
/// </summary>
internal sealed class Vxi11Link(int id, string deviceName, IDeviceSession session, DeviceLock deviceLock, int maxMessageBytes, MessageMemoryBudget messageMemory) : IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _operation;

    public int Id { get; } = id;

    public string DeviceName { get; } = deviceName;

    public IDeviceSession Session { get; } = session;

    public DeviceLock DeviceLock { get; } = deviceLock;

    public ProgramMessageBuffer Input { get; } = new(maxMessageBytes, messageMemory);

    public OutputQueue Output { get; } = new();

    /// <summary>A token for a blocking wait that device_abort can cancel; dispose the result when done.</summary>
    public CancellationTokenSource BeginAbortable(CancellationToken connection)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(connection);
        lock (_gate)
        {
            _operation = source;
        }

        return source;
    }

    public void EndAbortable(CancellationTokenSource source)
    {
        lock (_gate)
        {
            if (_operation == source)
            {
                _operation = null;
            }
        }

        source.Dispose();
    }

    /// <summary>VXI-11 B.6.21 device_abort: ends the wait in progress, if any.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            _operation?.Cancel();
        }
    }

    public void Dispose()
    {
        DeviceLock.ReleaseAll(this);
        Input.Dispose();
        Session.Dispose();
    }
}
