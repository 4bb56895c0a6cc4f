using System.Diagnostics;
using System.Globalization;

namespace SpaceTestBench.Results.Store;

/// <summary>
/// Whether a run folder's holder, a process on this machine, is alive and still has the folder's lock file open: read
/// from the process table (<c>/proc</c> on Linux), never by taking the lock.
/// </summary>
internal static class LocalProcess
{
    /// <summary>
    /// A process started this long after the holder record's time cannot be the holder (its pid was reused); the record is
    /// written after the lock is taken, so the real holder always started before it.
    /// </summary>
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(2);

    /// <summary>True if <paramref name="holder"/> is alive and holds <paramref name="lockFile"/>; false if not; null if this machine cannot tell.</summary>
    public static bool? Holds(RunFolderHolder holder, string lockFile)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(holder.ProcessId);
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }

        using (process)
        {
            try
            {
                if (process.HasExited || process.StartTime.ToUniversalTime() > holder.Started.UtcDateTime + StartTolerance)
                {
                    return false;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                return false; // it exited while being asked
            }
        }

        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var proc = $"/proc/{holder.ProcessId.ToString(CultureInfo.InvariantCulture)}";
        if (IsZombie(proc))
        {
            return false;
        }

        try
        {
            // A live holder has the lock file open for as long as it holds the lock (the kernel's lock is on that open file).
            foreach (var descriptor in Directory.EnumerateFileSystemEntries(Path.Combine(proc, "fd")))
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && SameLockFile(target, lockFile))
                {
                    return true;
                }
            }

            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false; // it ended while being read
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return null; // another user's process: its descriptors are not ours to read
        }
    }

    /// <summary>State Z in <c>/proc/PID/stat</c> (after the command name, which may itself hold spaces and parentheses).</summary>
    private static bool IsZombie(string proc)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(proc, "stat"));
            var end = stat.LastIndexOf(')');
            return end < 0 || end + 2 >= stat.Length || stat[end + 2] is 'Z' or 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // gone between the two reads
        }
    }

    /// <summary>
    /// The descriptor's target is the lock file: its full path, or (the folder reached through a symbolic link, which the
    /// kernel shows resolved) the same file name in a folder of the same name, whose file the holder record sits beside.
    /// </summary>
    private static bool SameLockFile(string target, string lockFile) =>
        string.Equals(target, lockFile, StringComparison.Ordinal)
        || (Path.GetFileName(target) == Path.GetFileName(lockFile)
            && Path.GetFileName(Path.GetDirectoryName(target)) == Path.GetFileName(Path.GetDirectoryName(lockFile)));
}
