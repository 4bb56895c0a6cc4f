namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// An instrument's service request line as the controller sees it at this instant (a GPIB SRQ line; IEEE 488.1 §2.5):
/// asserted while the status byte's MSS bit is set (IEEE 488.2 §11.2.2.2). A device asserts it under its own lock before
/// it sends the response of the message that raised it, so a controller that looks at the line after reading a response
/// sees whatever that message caused, without a message of its own. A session that can see its instrument's line
/// implements this (today the bench's in-process sessions to simulated instruments); other transports do not.
/// </summary>
public interface IServiceRequestLine
{
    /// <summary>Whether the instrument is requesting service now.</summary>
    bool ServiceRequestAsserted { get; }
}
