using System.Globalization;
using System.Text.Json;

namespace SpaceTestBench.Results.Store;

/// <summary>
/// The one writer of a run folder. A run, a resumed run and a re-rendered report each hold it while they
/// write: a second process writing the same folder would mix two runs' records (a second <c>--resume</c>
/// re-runs the live run's cut step in its record), interleave Cucumber messages, and on a real bench its
/// safe state would switch the DUT off under the live campaign.
/// </summary>
/// <remarks>
/// The lock is the operating system's exclusive lock on <see cref="FileName"/> (<c>flock</c> on Linux, a
/// sharing violation on Windows), which the kernel releases when the holder dies however it dies, so a lock
/// left by a killed process never blocks anyone. Who holds it is written beside it in
/// <see cref="HolderFileName"/> for the refusal message; that record surviving its holder is how a stale lock
/// is recognised and reported when it is taken over. The lock file itself is never deleted (deleting a
/// locked file lets two processes each lock a different file of the same name); neither file is an
/// artifact of the run, so the manifest leaves both out.
/// </remarks>
public sealed class RunFolderLock : IDisposable
{
    /// <summary>The file the operating system locks, in the run folder.</summary>
    public const string FileName = ".spacebench.lock";

    /// <summary>Who holds the lock (JSON), in the run folder; deleted when it is released.</summary>
    public const string HolderFileName = ".spacebench.lock.json";

    private readonly FileStream _lock;
    private readonly string _holderFile;
    private bool _disposed;

    private RunFolderLock(string runFolder, FileStream locked, RunFolderHolder holder, RunFolderHolder? staleHolder)
    {
        RunFolder = runFolder;
        _lock = locked;
        _holderFile = Path.Combine(runFolder, HolderFileName);
        Holder = holder;
        TookOverFrom = staleHolder;
    }

    /// <summary>The locked run folder.</summary>
    public string RunFolder { get; }

    /// <summary>This process, as the lock's holder record names it.</summary>
    public RunFolderHolder Holder { get; }

    /// <summary>The holder of a stale lock this one took over (a process that ended without releasing it), or null.</summary>
    public RunFolderHolder? TookOverFrom { get; }

    /// <summary>True for the lock's own files (not artifacts of the run: the manifest and "is the folder empty" ignore them).</summary>
    public static bool IsLockFile(string relativePath) =>
        relativePath is FileName or HolderFileName or HolderFileName + ".tmp";

    /// <summary>
    /// Takes the run folder's lock for <paramref name="command"/> (what the holder is doing, for the refusal
    /// message another process prints), creating the folder if needed.
    /// </summary>
    /// <param name="runFolder">The run folder.</param>
    /// <param name="command">What this process does there, e.g. "run --resume".</param>
    /// <param name="wallClock">The wall clock the holder record is stamped with.</param>
    /// <exception cref="RunFolderLockedException">Another live process holds it; the message names it.</exception>
    /// <exception cref="IOException">The folder cannot be created or written (it is a file, or on a read-only file system).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be created or written for lack of permission.</exception>
    public static RunFolderLock Acquire(string runFolder, string command, TimeProvider wallClock)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ArgumentNullException.ThrowIfNull(wallClock);
        if (File.Exists(runFolder))
        {
            throw new IOException($"{runFolder} is a file, not a run folder; give a folder path.");
        }

        Directory.CreateDirectory(runFolder);
        var path = Path.Combine(runFolder, FileName);
        var holderFile = Path.Combine(runFolder, HolderFileName);
        FileStream locked;
        try
        {
            locked = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(path))
        {
            // The file exists and cannot be opened exclusively: a live process holds it.
            throw new RunFolderLockedException(runFolder, ReadHolderFile(holderFile), e);
        }

        try
        {
            var stale = ReadHolderFile(holderFile);
            var holder = RunFolderHolder.OfThisProcess(command, wallClock.GetUtcNow());
            var temporary = holderFile + ".tmp";
            File.WriteAllText(temporary, holder.ToJson());
            File.Move(temporary, holderFile, overwrite: true);
            return new RunFolderLock(runFolder, locked, holder, stale);
        }
        catch
        {
            locked.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether the process the holder record of <paramref name="runFolder"/> names still holds its lock, asked without
    /// touching the lock (a reader such as <c>spacebench status</c> must never make a writer wait or be refused): false
    /// when there is no holder record (released, or never taken) or when the holder ran on this machine and is gone — its
    /// pid no longer exists, is a zombie (a killed process whose parent has not yet collected it still has a pid, but no
    /// longer its lock), started after the holder took the lock (the pid was reused), or no longer has the lock file open;
    /// true when it is alive and has the lock file open; null when this machine cannot tell (the holder ran on another
    /// host, or its process table is not readable here): then only the holder's own heartbeat can say.
    /// </summary>
    public static bool? HolderIsAlive(string runFolder)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        if (ReadHolder(runFolder) is not { } holder)
        {
            return false;
        }

        return holder.Host != Environment.MachineName ? null : LocalProcess.Holds(holder, Path.GetFullPath(Path.Combine(runFolder, FileName)));
    }

    /// <summary>The holder recorded in <paramref name="runFolder"/>, or null when none is (no lock or not yet written).</summary>
    public static RunFolderHolder? ReadHolder(string runFolder) => ReadHolderFile(Path.Combine(runFolder, HolderFileName));

    /// <summary>Releases the lock: the holder record goes, then the operating system's lock.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            File.Delete(_holderFile);
        }
        catch (IOException)
        {
            // A holder record left behind only makes the next holder report a stale lock; the lock itself is released below.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        _lock.Dispose();
    }

    private static RunFolderHolder? ReadHolderFile(string holderFile)
    {
        try
        {
            return File.Exists(holderFile) ? RunFolderHolder.FromJson(File.ReadAllText(holderFile)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // Unreadable (being written, or torn by a crash): the lock still decides; only the message is vaguer.
            return null;
        }
    }
}

/// <summary>The process holding a run folder's lock.</summary>
/// <param name="ProcessId">Its process id.</param>
/// <param name="Host">The machine it runs on.</param>
/// <param name="Started">When it took the lock (UTC, wall clock).</param>
/// <param name="Command">What it does there, e.g. "run --out".</param>
public sealed record RunFolderHolder(int ProcessId, string Host, DateTimeOffset Started, string Command)
{
    /// <summary>"pid 1234 on host bench-7, running 'run --out' since 2026-12-04 23:30:01Z".</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"pid {ProcessId} on host {Host}, running 'spacebench {Command}' since {Started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");

    internal static RunFolderHolder OfThisProcess(string command, DateTimeOffset now) =>
        new(Environment.ProcessId, Environment.MachineName, now, command);

    internal string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("pid", ProcessId);
            json.WriteString("host", Host);
            json.WriteString("started", Started.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("command", Command);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static RunFolderHolder FromJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return new RunFolderHolder(
            root.GetProperty("pid").GetInt32(),
            root.GetProperty("host").GetString() ?? "?",
            DateTimeOffset.Parse(root.GetProperty("started").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            root.GetProperty("command").GetString() ?? "?");
    }
}

/// <summary>Another live process holds the run folder's lock.</summary>
public sealed class RunFolderLockedException : IOException
{
    /// <summary>Creates the refusal for <paramref name="runFolder"/>, held by <paramref name="holder"/> (null if its record is not written yet).</summary>
    public RunFolderLockedException(string runFolder, RunFolderHolder? holder, Exception? inner = null)
        : base(Describe(runFolder, holder), inner)
    {
        RunFolder = runFolder;
        Holder = holder;
    }

    /// <summary>The run folder.</summary>
    public string RunFolder { get; }

    /// <summary>Who holds it, if its record could be read.</summary>
    public RunFolderHolder? Holder { get; }

    private static string Describe(string runFolder, RunFolderHolder? holder)
    {
        var who = holder is null ? "another process (it has not written who it is yet)" : holder.Describe();
        var stop = holder is null ? "" : $" or stop it (Ctrl-C in its terminal, or kill -TERM {holder.ProcessId}: it leaves the bench safe and the run resumable)";
        return $"The run folder {runFolder} is in use by {who}. One process writes a run folder at a time: wait for it to finish{stop}, then try again.";
    }
}
