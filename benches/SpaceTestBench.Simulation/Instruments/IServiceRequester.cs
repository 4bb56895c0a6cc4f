namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// A simulated instrument that requests service (IEEE 488.2 SRQ) when its status byte's MSS bit rises; its line's level
/// (<see cref="Visa.Sessions.IServiceRequestLine"/>) is what a bench in the same process sees of it between requests.
/// </summary>
public interface IServiceRequester : Visa.Sessions.IServiceRequestLine
{
    /// <summary>
    /// Calls <paramref name="onRequest"/> each time the device starts requesting service: what a GPIB SRQ line, a
    /// HiSLIP AsyncServiceRequest or a VXI-11 device_intr_srq carries to the controller. It is called on a pool
    /// thread, never under the device's lock; on a virtual clock bench time stands still at the instant of the
    /// request until every watcher's <paramref name="onRequest"/> has returned (<see cref="Clock.VirtualClock.Hold"/>),
    /// so it must note the request and return, never wait in bench time. Dispose the result to stop watching.
    /// </summary>
    IDisposable WatchServiceRequests(Action onRequest);
}
