using System.Collections.Concurrent;
using System.IO.Compression;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Cluster;
using SpaceTestBench.Facility.Leasing;

namespace SpaceTestBench.Facility.Hosting;

/// <summary>
/// The stations of one station host: registers them when the silo becomes active, admits work only under
/// the station's live lease (<see cref="StationFence"/>), keeps that lease by heartbeat while the work runs,
/// stops the work the moment a heartbeat is refused, and reports runs and health checks to the ledger.
/// </summary>
public sealed partial class StationRunner : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly StationHostOptions options;
    private readonly FacilityServices facility;
    private readonly ICampaignExecutor executor;
    private readonly ILocalSiloDetails silo;
    private readonly IClusterMembershipService membership;
    private readonly ILogger<StationRunner> log;
    private readonly ConcurrentDictionary<string, OwnedStation> stations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Creates the runner of a station host.</summary>
    public StationRunner(StationHostOptions options, FacilityServices facility, ICampaignExecutor executor, ILocalSiloDetails silo, IClusterMembershipService membership, ILogger<StationRunner> log)
    {
        this.membership = membership;
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.facility = facility;
        this.executor = executor;
        this.silo = silo;
        this.log = log;
        foreach (var station in options.Stations)
        {
            // Checked here, before the silo joins: a bad bench file stops the host with the file's own message.
            var bench = BenchDefinitionLoader.Load(station.BenchFile);
            stations[station.Id] = new OwnedStation(station.Id, bench, new StationFence(async (fencing, ct) =>
                (await facility.Leases.CurrentAsync(station.Id, ct))?.Fencing == fencing));
        }
    }

    /// <summary>The stations this host owns.</summary>
    public IReadOnlyCollection<string> StationIds => stations.Keys.ToList();

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(StationRunner), ServiceLifecycleStage.Active, RegisterAsync, StopAsync);
    }

    /// <summary>Starts <paramref name="order"/> on <paramref name="stationId"/> if its fencing number is the live lease's and the station is idle.</summary>
    public async Task<bool> StartAsync(string stationId, StationOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!stations.TryGetValue(stationId, out var station) || !await station.Fence.PermitsAsync(order.Fencing, stopping.Token))
        {
            return false;
        }

        lock (station)
        {
            if (station.Work is { IsCompleted: false })
            {
                return false;
            }

            Interlocked.Increment(ref station.Executed);
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            station.Cancel = cancel;
            station.Work = Task.Run(() => WorkAsync(station, order, cancel), CancellationToken.None);
        }

        return true;
    }

    /// <summary>Stops the work under <paramref name="fencing"/>; a stale number stops nothing.</summary>
    public async Task<bool> CancelAsync(string stationId, long fencing)
    {
        if (!stations.TryGetValue(stationId, out var station) || !await station.Fence.PermitsAsync(fencing, stopping.Token))
        {
            return false;
        }

        Interlocked.Increment(ref station.Executed);
        try
        {
            await (station.Cancel?.CancelAsync() ?? Task.CompletedTask);
        }
        catch (ObjectDisposedException)
        {
            // The work ended between the check and the cancel: nothing left to stop.
        }

        return true;
    }

    /// <summary>Where a station stands.</summary>
    public StationStatus Status(string stationId)
    {
        var station = stations[stationId];
        return new StationStatus(stationId, silo.SiloAddress.ToParsableString(), station.Fence.Current, station.Work is { IsCompleted: false },
            station.Fence.Refused, Interlocked.Read(ref station.Executed));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        foreach (var station in stations.Values)
        {
            station.Fence.Dispose();
        }

        stopping.Dispose();
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var address = silo.SiloAddress.ToParsableString();
        foreach (var station in stations.Values)
        {
            await facility.Stations.RegisterAsync(station.Id, station.Bench, address, cancellationToken, IsLiveHost);
            LogRegistered(station.Id, station.Bench.File, address);
        }
    }

    private bool IsLiveHost(string address) =>
        membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && m.SiloAddress.ToParsableString() == address);

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host is going: stop beating for every lease (they expire; the sweeper aborts their runs) and stop the work.
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync();
        }

        foreach (var station in stations.Values)
        {
            if (station.Work is { } work)
            {
                await work.WaitAsync(TimeSpan.FromSeconds(30), facility.Clock, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task WorkAsync(OwnedStation station, StationOrder order, CancellationTokenSource cancel)
    {
        // A resumed campaign writes on in the folder of the run it continues (the scheduler placed it on this station for that).
        var runFolder = order.ResumeFolder
            ?? Path.Combine(options.RunsRoot, (order.Campaign?.ToString() ?? $"health-{station.Id}"), $"{facility.Clock.GetUtcNow():yyyyMMdd-HHmmss}-{order.Fencing}");
        var lostLease = false;
        try
        {
            var run = await facility.Ledger.StartRunAsync(order.Tenant, order.Campaign, station.Id, order.Fencing, runFolder, cancel.Token);
            if (run is null)
            {
                return;
            }

            using var beating = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
            var heartbeat = HeartbeatAsync(station, order, cancel, () => lostLease = true, beating.Token);
            // Console lines and typed events share one channel, so the tenant sees them in the order they happened.
            var progress = Channel.CreateUnbounded<(string Kind, string Text)>(new UnboundedChannelOptions { SingleReader = true });
            var forward = ForwardProgressAsync(station, order, progress.Reader);
            var features = order.Campaign is null ? [HealthCheckFeature(station)] : order.Features;
            CampaignOutcome outcome;
            var events = new CampaignProgressPublisher((kind, text) => progress.Writer.TryWrite((kind, text)), facility.Clock);
            try
            {
                outcome = await executor.ExecuteAsync(
                    new CampaignExecution(station.Bench.File, features, order.Tags, order.DutFile, runFolder, order.Operator, line => progress.Writer.TryWrite(("progress", line)), events)
                    {
                        Samples = order.Samples ?? [],
                        Resume = order.ResumeFolder is not null,
                    },
                    cancel.Token);
            }
            catch (OperationCanceledException)
            {
                outcome = new CampaignOutcome(1, "Aborted", null);
            }
            finally
            {
                await events.DisposeAsync();
                progress.Writer.TryComplete();
                await forward;
                await beating.CancelAsync();
                await heartbeat;
            }

            if (lostLease || stopping.IsCancellationRequested)
            {
                // Not ours to record any more: the sweeper aborts the run when the lease expires.
                LogLostLease(station.Id, order.Fencing);
                return;
            }

            await facility.Ledger.FinishRunAsync(run.Value, outcome.Verdict, outcome.ExitCode, Archive(runFolder), outcome.ReportPath, CancellationToken.None);
            if (order.Campaign is null)
            {
                var passed = outcome.Verdict == "Pass";
                await facility.Ledger.RecordHealthCheckAsync(station.Id, order.Fencing, passed,
                    $"{string.Join(", ", features)} on {station.Bench.Name}: {outcome.Verdict} (run folder {runFolder})", CancellationToken.None);
            }

            await facility.Leases.ReleaseAsync(order.LeaseId, "station-host", CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogWorkFailed(e, station.Id, order.Fencing);
        }
        finally
        {
            station.Fence.Revoke(order.Fencing);
            cancel.Dispose();
        }
    }

    /// <summary>
    /// Keeps <paramref name="order"/>'s lease on a thread of its own, with blocking database I/O: the bench work
    /// saturates the thread pool (a whole campaign's simulators, analyses and figures), and a beat that waits for a
    /// pool thread can come later than the lease's life; the sweeper then aborts a healthy run (seen under CI load:
    /// the pool stalled for over a second, and a 3 s lease expired). Completes when the beating stops.
    /// </summary>
    private Task HeartbeatAsync(OwnedStation station, StationOrder order, CancellationTokenSource work, Action lost, CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                KeepLease(station, order, work, lost, cancellationToken);
                stopped.SetResult();
            }
            catch (Exception e)
            {
                stopped.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = $"lease heartbeat {station.Id}",
        };
        thread.Start();
        return stopped.Task;
    }

    private void KeepLease(OwnedStation station, StationOrder order, CancellationTokenSource work, Action lost, CancellationToken cancellationToken)
    {
        var interval = order.TimeToLive / 3;
        // Until when the lease is known to hold: the database extends it by its time to live from each beat it takes.
        var confirmedUntil = facility.Clock.GetUtcNow() + order.TimeToLive;
        while (Wait(interval, cancellationToken))
        {
            try
            {
                var sentAt = facility.Clock.GetUtcNow();
                if (!facility.Leases.Heartbeat(order.LeaseId, order.Fencing))
                {
                    // The lease is gone (expired while this host was paused or cut off): stop driving the bench now.
                    Lose();
                    return;
                }

                confirmedUntil = sentAt + order.TimeToLive;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // The database is unreachable: keep trying while the lease may still hold. Past its time to live since the
                // last beat the database took, the lease has expired there (and the sweeper aborts the run): stop now,
                // rather than drive the bench under a lease that no longer exists until the database answers again.
                LogHeartbeatFailed(e, station.Id);
                if (facility.Clock.GetUtcNow() >= confirmedUntil)
                {
                    Lose();
                    return;
                }
            }
        }

        void Lose()
        {
            lost();
            station.Fence.Revoke(order.Fencing);
            work.Cancel();
        }
    }

    /// <summary>
    /// Waits <paramref name="interval"/> of the facility's clock on this thread; false when cancelled. On the system
    /// clock the thread waits by itself, since a timer's callback would again wait for a pool thread.
    /// </summary>
    private bool Wait(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(facility.Clock, TimeProvider.System))
        {
            return !cancellationToken.WaitHandle.WaitOne(interval);
        }

        using var elapsed = new ManualResetEventSlim();
        using var timer = facility.Clock.CreateTimer(_ => elapsed.Set(), null, interval, Timeout.InfiniteTimeSpan);
        return WaitHandle.WaitAny([elapsed.WaitHandle, cancellationToken.WaitHandle]) == 0;
    }

    private async Task ForwardProgressAsync(OwnedStation station, StationOrder order, ChannelReader<(string Kind, string Text)> events)
    {
        await foreach (var (kind, text) in events.ReadAllAsync())
        {
            if (order.Campaign is { } campaign && !string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    // Fenced: once the lease is over the facility tells the campaign's story, not this run.
                    await facility.Ledger.EventAsync(order.Tenant, campaign, station.Id, order.Fencing, kind, text, CancellationToken.None);
                }
                catch (Npgsql.NpgsqlException e)
                {
                    LogHeartbeatFailed(e, campaign.ToString());
                }
            }
        }
    }

    private string HealthCheckFeature(OwnedStation station) =>
        options.HealthChecks.TryGetValue(station.Bench.Name, out var feature) ? feature : options.DefaultHealthCheck;

    private static byte[]? Archive(string runFolder)
    {
        if (!Directory.Exists(runFolder))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        ZipFile.CreateFromDirectory(runFolder, buffer, CompressionLevel.Fastest, includeBaseDirectory: false);
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Station {Station} registered from {BenchFile} on silo {Silo}")]
    private partial void LogRegistered(string station, string benchFile, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Station {Station} lost its lease (fencing {Fencing}) while working: the work was stopped and is not recorded")]
    private partial void LogLostLease(string station, long fencing);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work on station {Station} under fencing {Fencing} failed")]
    private partial void LogWorkFailed(Exception e, string station, long fencing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the facility database for {Subject}")]
    private partial void LogHeartbeatFailed(Exception e, string subject);

    private sealed class OwnedStation(string id, BenchDefinition bench, StationFence fence)
    {
        public long Executed;

        public string Id { get; } = id;

        public BenchDefinition Bench { get; } = bench;

        public StationFence Fence { get; } = fence;

        public Task? Work { get; set; }

        public CancellationTokenSource? Cancel { get; set; }
    }
}
