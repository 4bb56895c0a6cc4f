using Spectre.Console;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Running;

/// <summary>
/// Takes a run folder's lock for a verb that writes it (<c>run</c>, <c>run --resume</c>, <c>report</c>) and
/// says why not when it cannot: another live process writes it (named: pid, host, since when), or the path
/// cannot be a run folder (a file, a read-only or virtual file system, no permission).
/// </summary>
internal static class RunFolderAccess
{
    /// <summary>The lock, or null after printing why not under <paramref name="heading"/> ("Cannot run:").</summary>
    public static RunFolderLock? TryAcquire(IAnsiConsole console, string runFolder, string command, string heading)
    {
        try
        {
            var acquired = RunFolderLock.Acquire(runFolder, command, TimeProvider.System);
            if (acquired.TookOverFrom is { } stale)
            {
                // The kernel released the dead holder's lock; its record is what is left. Say so: the operator may be looking for that process.
                console.MarkupLine("[yellow]Took over a stale lock:[/]");
                console.WriteLine($"The run folder {runFolder} was last locked by {stale.Describe()}, which no longer holds it (it ended without releasing it: killed or crashed).");
            }

            return acquired;
        }
        catch (RunFolderLockedException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(heading)}[/]");
            console.WriteLine(e.Message);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            console.MarkupLine($"[red]{Markup.Escape(heading)}[/]");
            console.WriteLine($"Cannot write the run folder {runFolder}: {e.Message} Choose a folder you can write, e.g. --out reports/out/my-run.");
            return null;
        }
    }

    /// <summary>Whether <paramref name="runFolder"/> holds anything but its lock files.</summary>
    public static bool HoldsAnything(string runFolder) =>
        Directory.Exists(runFolder)
        && Directory.EnumerateFileSystemEntries(runFolder).Any(entry => !RunFolderLock.IsLockFile(Path.GetFileName(entry)));
}
