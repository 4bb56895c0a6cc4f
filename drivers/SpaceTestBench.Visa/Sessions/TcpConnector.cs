using System.Net.Sockets;
using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>Opens the TCP connections of LAN sessions: Nagle off, within the open timeout, failures typed.</summary>
internal static class TcpConnector
{
    public static async Task<Socket> ConnectAsync(ResourceName resource, string host, int port, VisaOpenOptions options, string purpose, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(
            options.TimeoutMilliseconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), options.IOClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await socket.ConnectAsync(host, port, linked.Token);
            return socket;
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new VisaTimeoutException(resource.Original, $"connect to {purpose} at {host}:{port}", TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), e);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new VisaConnectionLostException(resource.Original, $"cannot connect to {purpose} at {host}:{port}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
