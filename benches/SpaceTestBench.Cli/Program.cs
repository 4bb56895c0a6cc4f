using Spectre.Console;
using SpaceTestBench.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: stop after the current step and leave the bench safe; a second one kills.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
// SIGTERM (a service manager, a CI runner) stops as gracefully as a first Ctrl-C.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});
if (Console.IsOutputRedirected)
{
    // CI logs: no terminal width to fit, so do not wrap long lines at Spectre's default of 80 columns.
    AnsiConsole.Console.Profile.Width = 200;
}

return await SpacebenchApp.RunAsync(args, AnsiConsole.Console, cancellation.Token);
