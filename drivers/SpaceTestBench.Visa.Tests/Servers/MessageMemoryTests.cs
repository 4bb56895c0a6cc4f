using System.Net.Sockets;
using System.Text;
using SpaceTestBench.Visa.Servers;
using SpaceTestBench.Visa.Tests.Support;

namespace SpaceTestBench.Visa.Tests.Servers;

/// <summary>
/// What a server's clients can make it hold: a message no longer than the limit, all connections together no
/// more than the budget, and a large message's buffer let go once it is done — a line that never ends or a
/// huge message costs its sender the connection, not the simulator its memory.
/// </summary>
public class MessageMemoryTests
{
    private const int OneMiB = 1024 * 1024;

    [Test]
    public void A_buffer_grows_no_further_than_its_message_limit_and_shrinks_back_once_the_message_is_done()
    {
        var budget = new MessageMemoryBudget(64L * OneMiB);
        using var buffer = new ProgramMessageBuffer(5 * OneMiB, budget);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'A');
        while (buffer.Count + chunk.Length <= 4 * OneMiB)
        {
            Assert.That(buffer.TryAppend(chunk), Is.True);
        }

        Assert.That(buffer.Capacity, Is.LessThanOrEqualTo(5 * OneMiB), "doubling stops at the message limit");
        Assert.That(budget.HeldBytes, Is.GreaterThanOrEqualTo(4 * OneMiB - 4096), "the growth is on the budget");

        Assert.That(buffer.TryAppend("\n"u8), Is.True);
        Assert.That(buffer.TryTakeMessage(end: false, out var message), Is.True);
        Assert.That(message.Length, Is.GreaterThan(4 * OneMiB - (64 * 1024)));
        Assert.That(buffer.TryTakeMessage(end: false, out _), Is.False);

        Assert.That(buffer.Capacity, Is.LessThanOrEqualTo(ProgramMessageBuffer.PooledBytes), "the large buffer was let go");
        Assert.That(budget.HeldBytes, Is.Zero, "and its memory given back to the budget");
    }

    [Test]
    public void Connections_sharing_a_budget_cannot_hold_more_than_it_together_and_get_it_back_when_they_close()
    {
        var budget = new MessageMemoryBudget(3L * OneMiB);
        var chunk = new byte[OneMiB];
        var first = new ProgramMessageBuffer(2 * OneMiB, budget);
        using var second = new ProgramMessageBuffer(2 * OneMiB, budget);

        Assert.That(first.TryAppend(chunk), Is.True);
        Assert.That(first.TryAppend(chunk.AsSpan(0, OneMiB - 8192)), Is.True);
        Assert.That(second.TryAppend(chunk), Is.True, "room for one more MiB");
        Assert.That(second.TryAppend(chunk.AsSpan(0, OneMiB / 2)), Is.False, "but not for the budget's fourth");

        first.Dispose();

        Assert.That(second.TryAppend(chunk.AsSpan(0, OneMiB / 2)), Is.True, "a closed connection's share is free again");
        Assert.That(budget.HeldBytes, Is.LessThanOrEqualTo(budget.TotalBytes));
    }

    [Test]
    public async Task A_raw_socket_client_sending_a_line_that_never_ends_is_cut_off_with_the_reason_and_others_are_still_served()
    {
        var faults = new List<Exception>();
        await using var server = SocketServer.Start(new TestInstrument(), clientFaults: e => { lock (faults) { faults.Add(e); } }, maxMessageBytes: OneMiB);
        using (var flooding = new TcpClient())
        {
            await flooding.ConnectAsync(server.EndPoint);
            var stream = flooding.GetStream();
            var junk = new byte[64 * 1024];
            Array.Fill(junk, (byte)'X');
            var sent = 0L;
            try
            {
                for (; sent < 8L * OneMiB; sent += junk.Length)
                {
                    await stream.WriteAsync(junk);
                }
            }
            catch (IOException)
            {
                // The server closed the connection: what it should do.
            }

            var read = new byte[16];
            Assert.That(await ReadOrClosedAsync(stream, read), Is.Zero, "the server closed the connection rather than buffer on");
        }

        await WaitUntilAsync(() => { lock (faults) { return faults.Count > 0; } });
        Assert.That(faults.Single().Message, Does.Contain("without a line feed").And.Contain("at most 1,048,576"));

        using var next = new TcpClient();
        await next.ConnectAsync(server.EndPoint);
        await next.GetStream().WriteAsync(Encoding.ASCII.GetBytes("*IDN?\n"));
        var answer = new byte[256];
        var count = await next.GetStream().ReadAsync(answer).AsTask().WaitAsync(TimeSpan.FromMilliseconds(Timeouts.Generous));
        Assert.That(Encoding.ASCII.GetString(answer, 0, count), Does.StartWith("SpaceTestBench,TestInstrument"));
        Assert.That(server.MessageMemory.HeldBytes, Is.LessThanOrEqualTo(64 * 1024), "the cut-off client's megabyte was given back; only the live client's receive space is held");
    }

    private static async Task<int> ReadOrClosedAsync(NetworkStream stream, byte[] buffer)
    {
        try
        {
            return await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromMilliseconds(Timeouts.Generous));
        }
        catch (IOException)
        {
            return 0; // reset: closed
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition() && TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromMilliseconds(Timeouts.Generous))
        {
            await Task.Delay(20);
        }

        Assert.That(condition(), Is.True);
    }
}
