using Spectre.Console;
using SpaceTestBench.Results.Progress;

namespace SpaceTestBench.Cli.Progress;

/// <summary>
/// The operator's view of a running campaign: the progress pipeline with its sinks (the run folder's store,
/// always, so <c>spacebench status</c> works; the live display or plain lines on the console, unless quiet),
/// and the loop that redraws the console at its own pace on the wall clock.
/// </summary>
internal sealed class OperatorProgress : IAsyncDisposable
{
    /// <summary>How often the live display is redrawn.</summary>
    public static readonly TimeSpan LiveRefresh = TimeSpan.FromMilliseconds(250);

    private readonly IAnsiConsole _console;
    private readonly ProgressMode _mode;
    private readonly TimeProvider _benchClock;
    private readonly TimeProvider _wallClock;
    private readonly TimeSpan _lineInterval;
    private readonly ProgressStore? _store;
    private readonly CancellationTokenSource _stop = new();
    private Task _view = Task.CompletedTask;

    private OperatorProgress(IAnsiConsole console, ProgressMode mode, TimeProvider benchClock, TimeProvider wallClock, TimeSpan lineInterval, ProgressStore? store)
    {
        _console = console;
        _mode = mode;
        _benchClock = benchClock;
        _wallClock = wallClock;
        _lineInterval = lineInterval;
        _store = store;
        Pipeline = store is null ? new ProgressPipeline() : new ProgressPipeline(store);
    }

    /// <summary>Where the run, its procedures and its recorder publish.</summary>
    public ProgressPipeline Pipeline { get; }

    /// <summary>The mode a console calls for: live on an interactive ANSI terminal, lines otherwise, none when quiet.</summary>
    public static ProgressMode ModeFor(IAnsiConsole console, bool quiet, bool outputRedirected) =>
        quiet ? ProgressMode.Quiet
        : console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi && !outputRedirected ? ProgressMode.Live
        : ProgressMode.Lines;

    /// <summary>Starts the view; <paramref name="runFolder"/>'s store (already created) gets the progress too.</summary>
    public static OperatorProgress Start(IAnsiConsole console, ProgressMode mode, string runFolder, TimeProvider benchClock, TimeProvider wallClock, TimeSpan lineInterval)
    {
        var progress = new OperatorProgress(console, mode, benchClock, wallClock, lineInterval, ProgressStore.Open(runFolder, wallClock));
        progress._view = mode switch
        {
            ProgressMode.Live => progress.LiveAsync(),
            ProgressMode.Lines => progress.LinesAsync(),
            _ => Task.CompletedTask,
        };
        return progress;
    }

    /// <summary>Stops the view (drawing the last picture) and writes the last progress into the store.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _view;
        }
        catch (OperationCanceledException)
        {
            // The view ends by cancellation.
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task LiveAsync()
    {
        // Spectre's live display redraws in place and lets the run's own lines (each scenario's verdict) scroll above it.
        var erase = new EraseBelowLiveHook();
        await _console.Live(Picture()).AutoClear(false).StartAsync(async context =>
        {
            _console.Pipeline.Attach(erase);
            try
            {
                await RefreshUntilStoppedAsync(context);
            }
            finally
            {
                _console.Pipeline.Detach(erase);
            }
        });
    }

    private async Task RefreshUntilStoppedAsync(LiveDisplayContext context)
    {
        {
            while (!_stop.IsCancellationRequested)
            {
                context.UpdateTarget(Picture());
                context.Refresh();
                try
                {
                    await Task.Delay(LiveRefresh, _wallClock, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            context.UpdateTarget(Picture());
            context.Refresh();
        }
    }

    private async Task LinesAsync()
    {
        ProgressSnapshot? last = null;
        var scenario = 0;
        while (!_stop.IsCancellationRequested)
        {
            var now = Pipeline.Current;
            if (now.Scenarios > 0 && (now.ScenarioNumber != scenario || !ReferenceEquals(now, last)))
            {
                // A line when something changed, at most once per interval: a week-long dwell is not a flood of lines.
                _console.WriteLine(ProgressView.Line(now, BenchNow(now), _wallClock.GetUtcNow()));
                last = now;
                scenario = now.ScenarioNumber;
            }

            try
            {
                await Task.Delay(_lineInterval, _wallClock, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private Spectre.Console.Rendering.IRenderable Picture()
    {
        var snapshot = Pipeline.Current;
        return ProgressView.Render(snapshot, BenchNow(snapshot), _wallClock.GetUtcNow());
    }

    private DateTimeOffset BenchNow(ProgressSnapshot snapshot)
    {
        var now = _benchClock.GetUtcNow();
        return snapshot.Now is { } latest && latest > now ? latest : now;
    }
}
