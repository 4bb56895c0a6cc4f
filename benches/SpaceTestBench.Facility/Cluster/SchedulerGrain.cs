using Microsoft.Extensions.Logging;
using Orleans.Placement;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Hosting;

namespace SpaceTestBench.Facility.Cluster;

/// <summary>
/// The scheduler's single activation: Orleans guarantees one turn at a time, and the database's advisory
/// lock covers the brief window after a failure in which two activations may exist. Its state is all in
/// the database, so a control node's restart loses nothing: the next tick picks up where the last one was.
/// </summary>
[PreferLocalPlacement]
internal sealed partial class SchedulerGrain(FacilityServices facility, FacilityTenant facilityTenant, IClusterMembershipService membership, IGrainFactory grains, ILogger<SchedulerGrain> log)
    : Grain, ISchedulerGrain
{
    public async Task<SchedulerTick> TickAsync()
    {
        var timings = facility.Timings;
        var expired = await facility.Leases.ExpireAsync(CancellationToken.None);
        foreach (var lease in expired)
        {
            LogExpired(lease.Lease.StationId, lease.Lease.Fencing, lease.AbortedRuns.Count);
        }

        var live = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress.ToParsableString()).ToHashSet(StringComparer.Ordinal);
        await facility.Scheduler.MarkOfflineAsync(live, CancellationToken.None);
        await facility.Scheduler.ScheduleHealthChecksAsync(timings.HealthCheckInterval, CancellationToken.None);
        var checks = await facility.Scheduler.PlaceHealthChecksAsync(facilityTenant.Id, live, timings.LeaseTimeToLive, CancellationToken.None);
        await facility.Scheduler.GrantReservationsAsync(live, CancellationToken.None);
        var campaigns = await facility.Scheduler.PlaceCampaignsAsync(live, timings.LeaseTimeToLive, CancellationToken.None);
        var refused = 0;
        foreach (var placement in checks.Concat(campaigns))
        {
            refused += await DispatchAsync(placement) ? 0 : 1;
        }

        return new SchedulerTick(expired.Count, expired.Sum(e => e.AbortedRuns.Count), checks.Count, campaigns.Count, refused);
    }

    private async Task<bool> DispatchAsync(Placement placement)
    {
        var campaign = placement.Campaign;
        var order = new StationOrder(placement.Lease.Id, placement.Lease.Fencing, placement.Lease.TimeToLive, placement.Lease.Tenant, campaign?.Id,
            campaign?.Request.Features.ToArray() ?? [], campaign?.Request.Tags, campaign?.Request.DutFile, campaign?.SubmittedBy ?? "facility health check",
            campaign?.Request.Samples.ToArray() ?? [])
        {
            ResumeFolder = placement.ResumeFolder,
        };
        string reason;
        try
        {
            if (await grains.GetGrain<IStationGrain>(placement.Station.Id).StartAsync(order))
            {
                return true;
            }

            reason = "the station refused the lease's fencing number or was busy";
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            reason = e.Message;
        }

        LogRefused(placement.Station.Id, reason);
        await facility.Scheduler.UndoAsync(placement, reason, CancellationToken.None);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease on {Station} (fencing {Fencing}) expired without a heartbeat; {Runs} run(s) aborted")]
    private partial void LogExpired(string station, long fencing, int runs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Station {Station} did not take its placement: {Reason}")]
    private partial void LogRefused(string station, string reason);
}
