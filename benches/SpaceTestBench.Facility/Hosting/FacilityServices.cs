using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;

namespace SpaceTestBench.Facility.Hosting;

/// <summary>The facility's services over one database and one clock: what every control node and station host holds.</summary>
public sealed class FacilityServices
{
    /// <summary>Creates them.</summary>
    public FacilityServices(FacilityDatabase database, TimeProvider clock, FacilityTimings timings)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        Clock = clock;
        Timings = timings;
        Tenants = new TenantDirectory(database, clock);
        Stations = new StationRegistry(database, clock);
        Leases = new LeaseManager(database, clock);
        Campaigns = new CampaignQueue(database, clock);
        Ledger = new RunLedger(database, clock);
        Scheduler = new CampaignScheduler(database, Leases, clock);
        Calibration = new CalibrationRecords(database, clock);
    }

    /// <summary>The database.</summary>
    public FacilityDatabase Database { get; }

    /// <summary>The clock every instant comes from.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Lease lifetimes and sweep periods.</summary>
    public FacilityTimings Timings { get; }

    /// <summary>Tenants, users, tokens.</summary>
    public TenantDirectory Tenants { get; }

    /// <summary>Stations and instruments.</summary>
    public StationRegistry Stations { get; }

    /// <summary>Leases.</summary>
    public LeaseManager Leases { get; }

    /// <summary>Tenants' campaigns.</summary>
    public CampaignQueue Campaigns { get; }

    /// <summary>Runs and health checks as station hosts report them.</summary>
    public RunLedger Ledger { get; }

    /// <summary>Placement.</summary>
    public CampaignScheduler Scheduler { get; }

    /// <summary>Instruments' calibration.</summary>
    public CalibrationRecords Calibration { get; }
}

/// <summary>How long things live and how often they are looked at.</summary>
public sealed record FacilityTimings
{
    /// <summary>A lease's life without a heartbeat. Station hosts beat every third of it.</summary>
    public TimeSpan LeaseTimeToLive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the scheduler expires leases and places work.</summary>
    public TimeSpan SchedulerPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How old a station's last passing health check may grow before it is checked again.</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The interval between heartbeats: a third of the time to live, so two may be lost.</summary>
    public TimeSpan HeartbeatInterval => LeaseTimeToLive / 3;
}
