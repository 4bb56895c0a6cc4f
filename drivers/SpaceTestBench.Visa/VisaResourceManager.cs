using SpaceTestBench.Visa.Resources;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Visa;

/// <summary>Options for opening a session.</summary>
public sealed record VisaOpenOptions
{
    /// <summary>Timeout for connecting and for each I/O operation.</summary>
    public int TimeoutMilliseconds { get; init; } = 2000;

    /// <summary>
    /// The clock for I/O deadlines. Always real time by default: bytes on a socket move in real time even
    /// when the bench's physics runs on a virtual clock.
    /// </summary>
    public TimeProvider IOClock { get; init; } = TimeProvider.System;
}

/// <summary>Opens sessions by resource string (IVI VISA.NET <c>GlobalResourceManager</c>, async-first).</summary>
public static class VisaResourceManager
{
    /// <summary>Parses a resource string (IVI <c>Parse</c>).</summary>
    public static ResourceName Parse(string resource) => ResourceName.Parse(resource);

    /// <summary>Opens a message-based session to <paramref name="resource"/>.</summary>
    public static async Task<IMessageBasedSession> OpenAsync(string resource, VisaOpenOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VisaOpenOptions();
        var name = ResourceName.Parse(resource);
        return name.Protocol switch
        {
            LanProtocol.Socket => await TcpSocketSession.OpenAsync(name, options.TimeoutMilliseconds, options.IOClock, cancellationToken),
            _ => throw new ResourceNameException(resource, $"{name.Canonical}: this transport is not implemented yet; use a ::SOCKET resource."),
        };
    }
}
