using SpaceTestBench.Visa.Resources;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Visa;

/// <summary>Opens sessions by resource string (IVI VISA.NET <c>GlobalResourceManager</c>, async-first).</summary>
public static class VisaResourceManager
{
    /// <summary>Parses a resource string (IVI <c>Parse</c>).</summary>
    public static ResourceName Parse(string resource) => ResourceName.Parse(resource);

    /// <summary>
    /// Opens a message-based session to <paramref name="resource"/>: a raw socket, VXI-11 or HiSLIP for
    /// TCPIP, or a serial port for ASRL. GPIB and USB parse but are refused with the reason.
    /// </summary>
    public static async Task<IMessageBasedSession> OpenAsync(string resource, VisaOpenOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VisaOpenOptions();
        var name = ResourceName.Parse(resource).ThrowIfUnsupported();
        if (name.Interface == InterfaceType.Asrl)
        {
            return await SerialSession.OpenAsync(name, options, cancellationToken);
        }

        return name.Protocol switch
        {
            LanProtocol.Socket => await TcpSocketSession.OpenAsync(name, options, cancellationToken),
            LanProtocol.Vxi11 => await Vxi11Session.OpenAsync(name, options, cancellationToken),
            LanProtocol.HiSlip => await HiSlipSession.OpenAsync(name, options, cancellationToken),
            _ => throw new ResourceNameException(resource, $"{name.Canonical}: no transport for this resource."),
        };
    }
}
