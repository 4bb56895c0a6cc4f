using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using SpaceTestBench.Cli.Progress;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Commands;

/// <summary>
/// <c>spacebench status RUN-FOLDER</c>: the picture of a live, finished or interrupted run, read from its
/// store through a read-only connection (no lock the writer waits on, no file written); <c>--watch</c>
/// redraws it until the run ends (live on a terminal; plain lines, then the whole picture, without one). Exit 0 if the run is live or passed, 1 if it ended otherwise, 2 if there is no readable store.
/// </summary>
internal static class StatusCommand
{
    /// <summary>A writer whose heartbeat is older than this is taken as gone (crashed, killed, or its machine is down).</summary>
    public static readonly TimeSpan Silence = ProgressStore.HeartbeatInterval * 6;

    public static Command Create(IAnsiConsole console, TimeProvider wallClock)
    {
        var folder = new Argument<DirectoryInfo>("run-folder") { Description = "The run folder holding results.sqlite." }.AcceptExistingOnly();
        var watch = new Option<bool>("--watch") { Description = "Redraw the status every few seconds until the run ends (Ctrl-C to leave; the run goes on)." };
        var interval = new Option<double>("--interval") { Description = "Seconds between redraws with --watch.", DefaultValueFactory = _ => 2, HelpName = "SECONDS" };
        var command = new Command("status", "Show where a live, finished or interrupted run stands (scenario n of N, the step and its own progress, bench time, ETA, interlocks, the last judged measurement), read-only from its store.")
        {
            folder, watch, interval,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runFolder = parse.GetValue(folder)!.FullName;
            if (!parse.GetValue(watch))
            {
                return Show(console, runFolder, wallClock, out _);
            }

            var every = TimeSpan.FromSeconds(Math.Max(parse.GetValue(interval), 0.2));
            if (OperatorProgress.ModeFor(console, quiet: false, Console.IsOutputRedirected) != ProgressMode.Live)
            {
                return await WatchPlainAsync(console, runFolder, wallClock, every, cancellationToken);
            }

            var code = ExitCodes.Passed;
            await console.Live(new Text("reading " + runFolder)).StartAsync(async context =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var status = Read(runFolder, wallClock);
                    context.UpdateTarget(status.Picture);
                    context.Refresh();
                    code = status.ExitCode;
                    if (status.Ended)
                    {
                        break;
                    }

                    try
                    {
                        await Task.Delay(every, wallClock, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
            return code;
        });
        return command;
    }

    /// <summary>
    /// <c>--watch</c> without a terminal (a log, <c>| tee</c>, CI): one plain line each time the picture or the
    /// run's state changes, then the whole picture once the run has ended (or the watcher is stopped).
    /// </summary>
    public static async Task<int> WatchPlainAsync(IAnsiConsole console, string runFolder, TimeProvider wallClock, TimeSpan every, CancellationToken cancellationToken)
    {
        (RunState State, string Picture)? last = null;
        while (true)
        {
            var status = Read(runFolder, wallClock);
            if (status.Ended || cancellationToken.IsCancellationRequested)
            {
                console.Write(status.Picture);
                return status.ExitCode;
            }

            // Each read parses a new snapshot: compare what it says, not which object it is.
            if (status.Snapshot is { } snapshot && (status.State, ProgressSnapshotJson.Serialize(snapshot)) is var seen && seen != last)
            {
                var now = wallClock.GetUtcNow();
                console.WriteLine($"{status.State.ToString().ToLowerInvariant()} {ProgressView.Line(snapshot, snapshot.VirtualClock ? snapshot.Now ?? now : now, now)}");
                last = seen;
            }

            try
            {
                await Task.Delay(every, wallClock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C leaves the watch (the run goes on): the last picture follows.
            }
        }
    }

    /// <summary>Prints the status once; returns the exit code.</summary>
    public static int Show(IAnsiConsole console, string runFolder, TimeProvider wallClock, out RunStatus status)
    {
        status = Read(runFolder, wallClock);
        console.Write(status.Picture);
        return status.ExitCode;
    }

    /// <summary>Reads the run's status (read-only).</summary>
    public static RunStatus Read(string runFolder, TimeProvider wallClock)
    {
        var path = ResultStoreReader.StorePath(runFolder);
        if (!File.Exists(path))
        {
            return new RunStatus(new Markup($"[red]No result store at {Markup.Escape(path)}[/]: is this a run folder?"), ExitCodes.UsageError, true, null, RunState.Unknown);
        }

        try
        {
            var run = ReadRun(path);
            var read = ProgressStore.ReadWithWriter(runFolder);
            var progress = read is { } r ? (r.Snapshot, r.Written) : ((ProgressSnapshot Snapshot, DateTimeOffset Written)?)null;
            var now = wallClock.GetUtcNow();
            var state = run.FinishedWall is not null ? RunState.Finished
                : progress is { } p && now - p.Written <= Silence && p.Snapshot.Finished is null && WriterIsAlive(runFolder, read!.Value.WriterHost, read.Value.WriterProcess) ? RunState.Live
                : progress?.Snapshot.Finished is not null ? RunState.Stopped
                : RunState.Interrupted;
            var header = $"{Markup.Escape(run.RunId)} on {Markup.Escape(run.Bench)}, DUT {Markup.Escape(run.Dut)}, started {run.StartedWall:yyyy-MM-dd HH:mm} UTC — " + state switch
            {
                RunState.Live => $"[green]live[/] ({WriterText(runFolder)}updated {BenchTimeText.Of(now - progress!.Value.Written)} ago)",
                RunState.Finished => $"[bold]finished[/] {run.FinishedWall:yyyy-MM-dd HH:mm} UTC: [{Running.ConsoleProgress.Colour(run.Verdict)}]{run.Verdict}[/]",
                RunState.Stopped => "[yellow]stopped by the operator[/]: continue it with spacebench run --resume",
                _ => progress is { } last
                    ? $"[darkorange]interrupted[/]: {GoneWriterText(runFolder)}no word from the run for {BenchTimeText.Of(now - last.Written)} (killed, crashed or its machine is down); continue it with spacebench run --resume"
                    : "[darkorange]interrupted, or recorded by a SpaceTestBench without progress records[/]",
            };
            if (progress is not { } last2)
            {
                return new RunStatus(new Markup(header), state == RunState.Finished && run.Verdict == Results.Verdict.Pass ? ExitCodes.Passed : ExitCodes.Failed, state != RunState.Live, null, state);
            }

            // A reader elsewhere has no bench clock: a real bench's bench time is the wall clock; a simulated one stands where it was last written.
            var benchNow = last2.Snapshot.VirtualClock || state != RunState.Live ? last2.Snapshot.Now ?? now : now;
            var picture = ProgressView.Render(last2.Snapshot, benchNow, now, header);
            var code = state switch
            {
                RunState.Live => ExitCodes.Passed,
                RunState.Finished => run.Verdict == Results.Verdict.Pass ? ExitCodes.Passed : ExitCodes.Failed,
                _ => ExitCodes.Failed,
            };
            return new RunStatus(picture, code, state != RunState.Live, last2.Snapshot, state);
        }
        catch (Exception e) when (e is SqliteException or InvalidDataException)
        {
            return new RunStatus(new Markup($"[red]Cannot read {Markup.Escape(path)}:[/] {Markup.Escape(e.Message)}"), ExitCodes.UsageError, true, null, RunState.Unknown);
        }
    }

    /// <summary>
    /// "pid 4711 on host bench-7, ": the process to stop, if one must be stopped. It is the run itself, not a <c>dotnet run</c>
    /// that started it: killing that launcher leaves the run going on its own (issue 15).
    /// </summary>
    private static string WriterText(string runFolder) =>
        RunFolderLock.ReadHolder(runFolder) is { } holder ? Markup.Escape($"pid {holder.ProcessId} on host {holder.Host}, ") : "";

    /// <summary>"pid 4711 on host bench-7 no longer holds the run folder; ": the holder record a killed or crashed run left behind.</summary>
    private static string GoneWriterText(string runFolder) =>
        RunFolderLock.ReadHolder(runFolder) is { } holder && RunFolderLock.HolderIsAlive(runFolder) == false
            ? Markup.Escape($"pid {holder.ProcessId} on host {holder.Host} no longer holds the run folder; ")
            : "";

    /// <summary>
    /// Whether the run's writer is alive, asked of the run folder's lock first (issue 15): a run holds it from its start to
    /// its report, and the kernel drops it the moment the process dies, so a killed run is not live even while its last
    /// heartbeat is seconds old and its pid lingers (a zombie, or reused). A folder whose lock a <c>report</c> holds is not
    /// a live run. Only when this machine cannot tell (the holder ran on another host) does the heartbeat decide alone.
    /// </summary>
    private static bool WriterIsAlive(string runFolder, string? host, int? process)
    {
        if (File.Exists(Path.Combine(runFolder, RunFolderLock.FileName)))
        {
            return RunFolderLock.HolderIsAlive(runFolder) switch
            {
                true => RunFolderLock.ReadHolder(runFolder)?.Command.StartsWith("run", StringComparison.Ordinal) ?? false,
                false => false,
                null => true,
            };
        }

        return WriterMayBeAlive(host, process);
    }

    /// <summary>A run recorded without a lock file: false when its writer ran on this machine and its process is gone; otherwise its heartbeat decides.</summary>
    private static bool WriterMayBeAlive(string? host, int? process)
    {
        if (host != Environment.MachineName || process is not { } id)
        {
            return true;
        }

        try
        {
            using var writer = System.Diagnostics.Process.GetProcessById(id);
            return !writer.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static (string RunId, string Bench, string Dut, DateTimeOffset StartedWall, DateTimeOffset? FinishedWall, Results.Verdict Verdict) ReadRun(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, bench_name, dut_name, started_wall, finished_wall, verdict FROM run LIMIT 1";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidDataException("the store has no run record yet: the run is starting, or was killed before it recorded anything.");
        }

        return (reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
            reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
            reader.IsDBNull(5) ? Results.Verdict.NotSet : Enum.Parse<Results.Verdict>(reader.GetString(5)));
    }
}

/// <summary>Where a run stands, as its store shows it.</summary>
internal enum RunState
{
    /// <summary>No readable store.</summary>
    Unknown,

    /// <summary>The writer is recording.</summary>
    Live,

    /// <summary>The run recorded its end.</summary>
    Finished,

    /// <summary>The operator stopped it (Ctrl-C, SIGTERM); it can be resumed.</summary>
    Stopped,

    /// <summary>It stopped recording without an end: killed or crashed.</summary>
    Interrupted,
}

/// <summary>A run's status: the picture to print, the exit code, whether it has ended, the progress read.</summary>
internal sealed record RunStatus(Spectre.Console.Rendering.IRenderable Picture, int ExitCode, bool Ended, ProgressSnapshot? Snapshot, RunState State);
