using System.Diagnostics;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Results.Tests.Store;

/// <summary>
/// One writer per run folder: a second holder is refused with the first one named (pid, host, since when),
/// within this process and from another one; a lock whose holder died is taken over, and its holder named.
/// </summary>
public class RunFolderLockTests
{
    public const string HoldLock = "hold-run-folder-lock";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Test]
    public void A_second_lock_on_a_held_folder_is_refused_naming_the_holder()
    {
        var folder = TestRepository.ScratchFolder("lock");
        using var first = RunFolderLock.Acquire(folder, "run --out", TimeProvider.System);

        var refused = Assert.Throws<RunFolderLockedException>(() => RunFolderLock.Acquire(folder, "run --resume", TimeProvider.System));

        Assert.That(refused!.Holder, Is.EqualTo(first.Holder));
        Assert.That(refused.Message, Does.Contain($"pid {Environment.ProcessId} on host {Environment.MachineName}").And.Contain("'spacebench run --out'").And.Contain(folder));
        Assert.That(first.TookOverFrom, Is.Null);
    }

    [Test]
    public void A_released_lock_can_be_taken_again_and_leaves_no_holder_record()
    {
        var folder = TestRepository.ScratchFolder("lock");
        RunFolderLock.Acquire(folder, "run --out", TimeProvider.System).Dispose();

        using var second = RunFolderLock.Acquire(folder, "report", TimeProvider.System);

        Assert.That(second.TookOverFrom, Is.Null, "released cleanly, so not stale");
        Assert.That(RunFolderLock.ReadHolder(folder)!.Command, Is.EqualTo("report"));
    }

    [Test]
    public void A_holder_record_without_a_live_lock_is_a_stale_lock_taken_over_and_named()
    {
        var folder = TestRepository.ScratchFolder("lock");
        var dead = new RunFolderHolder(999_999, "bench-7", new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), "run --out");
        File.WriteAllText(Path.Combine(folder, RunFolderLock.HolderFileName), dead.ToJson());
        File.WriteAllText(Path.Combine(folder, RunFolderLock.FileName), "");

        using var taken = RunFolderLock.Acquire(folder, "run --resume", TimeProvider.System);

        Assert.That(taken.TookOverFrom, Is.EqualTo(dead));
        Assert.That(taken.TookOverFrom!.Describe(), Is.EqualTo("pid 999999 on host bench-7, running 'spacebench run --out' since 2026-12-01 08:00:00Z"));
        Assert.That(RunFolderLock.ReadHolder(folder)!.ProcessId, Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    public void A_path_that_is_a_file_is_refused_with_what_it_is()
    {
        var file = Path.Combine(TestRepository.ScratchFolder("lock"), "results.txt");
        File.WriteAllText(file, "not a folder");

        var error = Assert.Throws<IOException>(() => RunFolderLock.Acquire(file, "run --out", TimeProvider.System));

        Assert.That(error!.Message, Does.Contain($"{file} is a file"));
    }

    [Test]
    public void Another_process_holding_the_folder_is_named_and_its_lock_is_taken_over_once_it_is_killed()
    {
        var folder = TestRepository.ScratchFolder("lock");
        using var child = Start(folder);
        WaitForLine(child, "locked");

        var refused = Assert.Throws<RunFolderLockedException>(() => RunFolderLock.Acquire(folder, "run --resume", TimeProvider.System));
        Assert.That(refused!.Holder!.ProcessId, Is.EqualTo(child.Id));
        Assert.That(refused.Message, Does.Contain($"pid {child.Id} on host {Environment.MachineName}").And.Contain($"kill -TERM {child.Id}"));

        child.Kill(); // SIGKILL: the holder cannot release anything; the kernel drops its lock
        child.WaitForExit();
        using var taken = RunFolderLock.Acquire(folder, "run --resume", TimeProvider.System);

        Assert.That(taken.TookOverFrom!.ProcessId, Is.EqualTo(child.Id));
    }

    [Test]
    public void The_holder_of_a_held_lock_is_alive_and_a_released_lock_has_none()
    {
        var folder = TestRepository.ScratchFolder("lock");
        using (RunFolderLock.Acquire(folder, "run --out", TimeProvider.System))
        {
            Assert.That(RunFolderLock.HolderIsAlive(folder), Is.True);
        }

        Assert.That(RunFolderLock.HolderIsAlive(folder), Is.False, "released: no holder record");
    }

    [Test]
    public void A_killed_holder_is_not_alive_at_once_not_after_its_heartbeat_goes_stale()
    {
        var folder = TestRepository.ScratchFolder("lock");
        using var child = Start(folder);
        WaitForLine(child, "locked");
        Assert.That(RunFolderLock.HolderIsAlive(folder), Is.True);

        child.Kill();
        child.WaitForExit();

        Assert.That(RunFolderLock.HolderIsAlive(folder), Is.False, "its record is left behind, but the kernel dropped its lock with it");
    }

    [Test]
    public async Task A_holder_that_is_a_zombie_a_reused_pid_or_a_process_without_the_lock_file_is_not_alive()
    {
        var folder = TestRepository.ScratchFolder("lock");
        File.WriteAllText(Path.Combine(folder, RunFolderLock.FileName), "");
        // sh forks a short sleep and becomes a long one that never collects it: the short one's pid lingers as a zombie.
        using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 0.1 & echo $!; exec sleep 60"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            var zombie = int.Parse(parent.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
            var since = DateTimeOffset.UtcNow;
            while (!File.ReadAllText($"/proc/{zombie}/stat").Split(')')[^1].TrimStart().StartsWith('Z'))
            {
                Assert.That(DateTimeOffset.UtcNow - since, Is.LessThan(Patience), "the short sleep did not end");
                await Task.Delay(20);
            }

            WriteHolder(folder, zombie, DateTimeOffset.UtcNow);
            Assert.That(RunFolderLock.HolderIsAlive(folder), Is.False, "a zombie: its pid is there, its lock is not");

            WriteHolder(folder, parent.Id, DateTimeOffset.UtcNow);
            Assert.That(RunFolderLock.HolderIsAlive(folder), Is.False, "alive, but without the run folder's lock file open");

            WriteHolder(folder, Environment.ProcessId, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
            Assert.That(RunFolderLock.HolderIsAlive(folder), Is.False, "this process started years after the record: its pid was reused");

            WriteHolder(folder, Environment.ProcessId, DateTimeOffset.UtcNow, host: "another-host");
            Assert.That(RunFolderLock.HolderIsAlive(folder), Is.Null, "another machine's process: only its heartbeat can say");
        }
        finally
        {
            parent.Kill();
            parent.WaitForExit();
        }
    }

    private static void WriteHolder(string folder, int pid, DateTimeOffset started, string? host = null) =>
        File.WriteAllText(Path.Combine(folder, RunFolderLock.HolderFileName), new RunFolderHolder(pid, host ?? Environment.MachineName, started, "run --out").ToJson());

    /// <summary>The child: takes the lock, says so, and holds it until killed.</summary>
    public static int HoldUntilKilled(string folder)
    {
        using var held = RunFolderLock.Acquire(folder, "run --out", TimeProvider.System);
        Console.WriteLine("locked");
        Console.Out.Flush();
        // The test never writes: this waits for the kill. Should the test end first, its end of the pipe
        // closes, the read returns, and the child exits rather than outliving it.
        Console.In.ReadLine();
        return 0;
    }

    private static Process Start(string folder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(RunFolderLockTests).Assembly.Location, HoldLock, folder })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The child did not start.");
    }

    private static void WaitForLine(Process child, string wanted)
    {
        var read = Task.Run(() =>
        {
            while (child.StandardOutput.ReadLine() is { } line)
            {
                if (line == wanted)
                {
                    return true;
                }
            }

            return false;
        });
        if (!read.Wait(Patience) || !read.Result)
        {
            child.Kill();
            Assert.Fail($"The child did not take the lock: {child.StandardError.ReadToEnd()}");
        }
    }
}
