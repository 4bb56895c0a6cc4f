using System.Runtime.InteropServices;
using Spectre.Console;
using SpaceTestBench.Cli;

// Not disposed: a signal may arrive on the runtime's signal thread while Main is returning, and cancelling a
// disposed source would crash the process with an unhandled exception instead of letting it finish.
var cancellation = new CancellationTokenSource();

// First Ctrl-C or SIGTERM (a service manager, a CI runner, `kill`): stop at the current step, leave the bench
// in its safe state, keep the run resumable and write the report. A second one ends the process at once, as
// SIGKILL would (the record stays resumable; `spacebench report` renders it).
bool Stop(string signal)
{
    if (cancellation.IsCancellationRequested)
    {
        Console.Error.WriteLine($"{signal} again: ending at once; the record stays resumable.");
        return false;
    }

    Console.Error.WriteLine($"{signal}: stopping after the current step; the bench goes to its safe state. {signal} again ends the process at once.");

    // Not on the signal thread: a cancellation callback that throws there would leave the signal uncancelled,
    // and the runtime would then kill the process as if nobody had handled it.
    _ = cancellation.CancelAsync().ContinueWith(
        t => Console.Error.WriteLine($"While stopping: {t.Exception?.GetBaseException().Message}"),
        CancellationToken.None,
        TaskContinuationOptions.OnlyOnFaulted,
        TaskScheduler.Default);
    return true;
}

Console.CancelKeyPress += (_, e) => e.Cancel = Stop("Ctrl-C");
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = Stop("SIGTERM"));
if (Console.IsOutputRedirected)
{
    // CI logs: no terminal width to fit, so do not wrap long lines at Spectre's default of 80 columns.
    AnsiConsole.Console.Profile.Width = 200;
}

return await SpacebenchApp.RunAsync(args, AnsiConsole.Console, cancellation.Token);
