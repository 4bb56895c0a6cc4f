using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpaceTestBench.Facility.Cluster;

namespace SpaceTestBench.Facility.Hosting;

/// <summary>Ticks the scheduler grain every <see cref="FacilityTimings.SchedulerPeriod"/> from a control node.</summary>
internal sealed partial class SchedulerLoop(IGrainFactory grains, FacilityServices facility, ILogger<SchedulerLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(facility.Timings.SchedulerPeriod, facility.Clock);
        do
        {
            try
            {
                await grains.GetGrain<ISchedulerGrain>(0).TickAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // The next tick tries again: a database or cluster hiccup must not stop scheduling for good.
                LogTickFailed(e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduler tick failed")]
    private partial void LogTickFailed(Exception e);
}
