using System.Text;
using Spectre.Console;
using SpaceTestBench.Cli.Running;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Facility;

/// <summary>
/// Runs a station's campaigns through <see cref="QualificationRun"/>, the code path of <c>spacebench run</c>:
/// same checks, same bench session, same run folder and report. Its console output becomes the campaign's
/// "progress" events and its progress pipeline feeds the station host's typed events ("snapshot", "measurements"). Feature and DUT paths come from tenants, so they must stay inside the facility's folders.
/// </summary>
public sealed class QualificationRunExecutor(FacilityPaths paths) : ICampaignExecutor
{
    /// <inheritdoc />
    public async Task<CampaignOutcome> ExecuteAsync(CampaignExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (execution.Resume)
        {
            return await ResumeAsync(execution, cancellationToken);
        }

        List<string> features;
        string? dut;
        try
        {
            features = execution.Features.Select(f => Inside(paths.Features, f, "feature")).ToList();
            dut = execution.DutFile is null ? null : Inside(paths.Root, execution.DutFile, "DUT profile");
        }
        catch (ArgumentException e)
        {
            execution.Progress(e.Message);
            return new CampaignOutcome(ExitCodes.UsageError, "Error", null);
        }

        using var lines = new LineWriter(execution.Progress);
        var console = CaptureConsole(lines);
        // The picture goes to the tenant as typed events (execution.ProgressEvents), not as plain progress lines in the text.
        var request = new RunRequest(execution.BenchFile, features, paths.Features, execution.Tags, dut, execution.RunFolder)
        {
            Operator = execution.Operator,
            Samples = execution.Samples,
            Progress = Progress.ProgressMode.Quiet,
        };
        var exit = await new QualificationRun(console, execution.ProgressEvents).ExecuteAsync(request, cancellationToken);
        await lines.FlushAsync(CancellationToken.None);
        return Outcome(execution, exit);
    }

    /// <summary>An aborted campaign's run, continued in its own folder by spacebench run --resume's code path (the record says what to run).</summary>
    private static async Task<CampaignOutcome> ResumeAsync(CampaignExecution execution, CancellationToken cancellationToken)
    {
        using var lines = new LineWriter(execution.Progress);
        var exit = await new QualificationRun(CaptureConsole(lines), execution.ProgressEvents).ResumeAsync(execution.RunFolder, execution.Operator, Progress.ProgressMode.Quiet, cancellationToken);
        await lines.FlushAsync(CancellationToken.None);
        return Outcome(execution, exit);
    }

    private static IAnsiConsole CaptureConsole(LineWriter lines)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(lines),
        });
        console.Profile.Width = 200;
        return console;
    }

    private static CampaignOutcome Outcome(CampaignExecution execution, int exit)
    {
        var verdict = File.Exists(Path.Combine(execution.RunFolder, "results.sqlite")) ? VerdictPolicy.Judge(ResultStoreReader.Read(execution.RunFolder)).Verdict.ToString() : "Error";
        var report = Path.Combine(execution.RunFolder, "report.html");
        return new CampaignOutcome(exit, verdict, File.Exists(report) ? report : null);
    }

    private static string Inside(string root, string relative, string what)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal) && full != Path.TrimEndingDirectorySeparator(prefix))
        {
            throw new ArgumentException($"The {what} '{relative}' is outside {root}: campaigns name files relative to the facility's folders.");
        }

        return full;
    }

    /// <summary>Hands each complete line written to it to a callback.</summary>
    private sealed class LineWriter(Action<string> line) : TextWriter
    {
        private readonly StringBuilder pending = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (pending)
            {
                if (value == '\n')
                {
                    line(pending.ToString().TrimEnd('\r'));
                    pending.Clear();
                }
                else
                {
                    pending.Append(value);
                }
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            lock (pending)
            {
                if (pending.Length > 0)
                {
                    line(pending.ToString());
                    pending.Clear();
                }
            }

            return Task.CompletedTask;
        }
    }
}
