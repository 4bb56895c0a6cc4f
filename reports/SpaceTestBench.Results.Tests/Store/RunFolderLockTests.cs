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
