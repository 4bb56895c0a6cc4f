using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Cli.Running;
using SpaceTestBench.Reports;
using SpaceTestBench.Reports.Manifest;
using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Commands;

/// <summary>
/// <c>spacebench report RUN-FOLDER</c>: re-renders the report from the run's result store alone — after a
/// crash or kill, with a newer SpaceTestBench, or to verify a report. A signed revision is never rewritten: the
/// rendering becomes the next revision, amending it. Exit 0 if the run passed, 1 if not, 2 if the folder holds
/// no readable store or another process is writing it. Its sub-verbs sign and verify: <c>keygen</c>, <c>sign</c>, <c>verify</c>.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Where the report of a run still recording is written, inside its run folder.</summary>
    public const string LiveReportFolder = ArtifactManifest.InProgressFolder;

    public static Command Create(IAnsiConsole console, TimeProvider wallClock)
    {
        var folder = RunFolderArgument();
        var reason = new Option<string?>("--reason")
        {
            Description = "Why a signed report is rendered again; the new revision states it beside the revision it amends.",
            HelpName = "TEXT",
        };
        var command = new Command("report", "Re-render report.html, plots, CSV, junit.xml and the SHA-256 manifest of a run folder from its results.sqlite alone (a signed report becomes a new revision); sign and verify reports.")
        {
            folder, reason,
        };
        command.SetAction((parse, _) =>
        {
            var runFolder = parse.GetValue(folder)!.FullName;

            // A rendering takes the folder's lock, since a run writing the folder would change the files the manifest
            // hashes. A run still recording holds it: its store is then read read-only and rendered beside its own
            // files (in-progress/), never over them.
            RunFolderLock? folderLock = null;
            var live = false;
            try
            {
                folderLock = RunFolderLock.Acquire(runFolder, "report", wallClock);
                if (folderLock.TookOverFrom is { } stale)
                {
                    console.MarkupLine("[yellow]Took over a stale lock:[/]");
                    console.WriteLine($"The run folder {runFolder} was last locked by {stale.Describe()}, which no longer holds it (it ended without releasing it: killed or crashed).");
                }
            }
            catch (RunFolderLockedException)
            {
                live = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.MarkupLine("[red]Cannot render a report:[/]");
                console.WriteLine($"Cannot write the run folder {runFolder}: {e.Message}");
                return Task.FromResult(ExitCodes.UsageError);
            }

            using var heldLock = folderLock;

            if (!live)
            {
                return Task.FromResult(RenderFromRecord(console, runFolder, parse.GetValue(reason), wallClock));
            }

            RunResults results;
            try
            {
                results = ResultStoreReader.Read(runFolder, readOnly: true);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                console.MarkupLine("[red]Cannot render a report:[/]");
                console.WriteLine(e.Message);
                return Task.FromResult(ExitCodes.UsageError);
            }

            var inProgress = Directory.CreateDirectory(Path.Combine(runFolder, LiveReportFolder)).FullName;
            var snapshot = ReportRenderer.Render(results, inProgress, new ReportOptions { RenderedBy = QualificationRun.SoftwareVersion, InProgress = true, WallClock = wallClock });
            console.MarkupLine("[yellow]The run is still recording:[/] the report shows everything recorded so far and is marked in progress; the run writes its own report.html when it ends.");
            console.MarkupLineInterpolated($"Report (in progress): {snapshot.Report}");
            return Task.FromResult(ExitCodes.Passed);
        });
        command.Subcommands.Add(Keygen(console));
        command.Subcommands.Add(Sign(console, wallClock));
        command.Subcommands.Add(Verify(console));
        return command;
    }

    /// <summary>
    /// Renders the report of the run recorded in <paramref name="runFolder"/> from its store alone, into the run folder
    /// (report.html, its revision, plots, CSV, junit.xml and <c>manifest.sha256</c> last), says the verdict and where the
    /// report is, and returns the exit code its verdicts give (2 when the folder holds no readable store). The caller
    /// holds the folder's lock: <c>spacebench report</c>, and <c>run --resume</c> of a run stopped while rendering.
    /// </summary>
    internal static int RenderFromRecord(IAnsiConsole console, string runFolder, string? reason, TimeProvider wallClock)
    {
        RunResults results;
        try
        {
            results = ResultStoreReader.Read(runFolder);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            console.MarkupLine("[red]Cannot render a report:[/]");
            console.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }

        var rendered = ReportRenderer.Render(results, runFolder, new ReportOptions { RenderedBy = QualificationRun.SoftwareVersion, AmendmentReason = reason, WallClock = wallClock });
        if (!results.Run.Completed)
        {
            console.MarkupLine("[yellow]The run did not record its end (it was interrupted); the report shows everything recorded up to then.[/]");
        }

        var judgement = rendered.Judgement;
        var revisions = ReportRevisions.List(runFolder);
        console.MarkupLineInterpolated($"[{ConsoleProgress.Colour(judgement.Verdict)}]{judgement.Verdict}[/]: {judgement.Scenarios.Count(s => s.Passed)} of {results.Scenarios.Count} scenario(s) passed; {results.Measurements.Count} measurement(s), {results.Series.Sum(s => (long)s.Count)} series point(s).");
        console.MarkupLineInterpolated($"Report: {rendered.Report} ({ReportRevisions.DocumentNumberOf(results.Run.Info)} revision {revisions[^1]})");
        return ExitCodes.Of(judgement);
    }

    /// <summary>
    /// Whether the report of <paramref name="runFolder"/> was written to the end: the renderer writes report.html and
    /// then <c>manifest.sha256</c> last, a line per file, so a rendering cut by a kill leaves report.html or the
    /// manifest missing, or a manifest cut short (without its last newline, or without the report's own line).
    /// </summary>
    internal static bool ReportWritten(string runFolder)
    {
        var manifest = Path.Combine(runFolder, ArtifactManifest.FileName);
        if (!File.Exists(Path.Combine(runFolder, Reports.Html.HtmlReport.FileName)) || !File.Exists(manifest))
        {
            return false;
        }

        var text = File.ReadAllText(manifest);
        return text.EndsWith('\n') && text.Split('\n').Any(line => line.EndsWith("  " + Reports.Html.HtmlReport.FileName, StringComparison.Ordinal));
    }

    private static Argument<DirectoryInfo> RunFolderArgument() => new Argument<DirectoryInfo>("run-folder")
    {
        Description = "The run folder holding results.sqlite (reports/out/<run-id>).",
    }.AcceptExistingOnly();

    private static Command Keygen(IAnsiConsole console)
    {
        var name = new Option<string>("--name") { Description = "The signer's name, as reports will show it.", Required = true, HelpName = "NAME" };
        var output = new Option<string>("--out") { Description = "Where to write: PREFIX.key.pem (private) and PREFIX.pub.pem.", Required = true, HelpName = "PREFIX" };
        var command = new Command("keygen", "Make an ECDSA P-256 signing key for a named signer: PREFIX.key.pem (PKCS#8, keep it private) and PREFIX.pub.pem.") { name, output };
        command.SetAction((parse, _) =>
        {
            try
            {
                using var key = SignerKey.Generate(parse.GetValue(name)!);
                var (privateKey, publicKey) = key.Save(parse.GetValue(output)!);
                console.MarkupLineInterpolated($"Key for [blue]{key.Signer}[/]: {privateKey} (private; keep it to yourself), {publicKey}");
                return Task.FromResult(ExitCodes.Passed);
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                console.MarkupLine("[red]Cannot make a key:[/]");
                console.WriteLine(e.Message);
                return Task.FromResult(ExitCodes.UsageError);
            }
        });
        return command;
    }

    private static Command Sign(IAnsiConsole console, TimeProvider clock)
    {
        var folder = RunFolderArgument();
        var meaning = new Option<string>("--meaning") { Description = "What the signature means: authored (the operator), reviewed or approved (not the operator).", Required = true, HelpName = "authored|reviewed|approved" };
        meaning.AcceptOnlyFromAmong("authored", "reviewed", "approved");
        var keyFile = new Option<FileInfo>("--key") { Description = "The signer's private key (from 'spacebench report keygen').", Required = true, HelpName = "KEY" };
        keyFile.AcceptExistingOnly();
        var command = new Command("sign", "Sign the latest revision of a run's report with a meaning; the signature covers the report, the store, the bench file, the DUT profile, the feature files and the calibration snapshot.")
        {
            folder, meaning, keyFile,
        };
        command.SetAction((parse, _) =>
        {
            var runFolder = parse.GetValue(folder)!.FullName;
            try
            {
                using var key = SignerKey.Load(parse.GetValue(keyFile)!.FullName);
                var signature = ReportSigner.Sign(runFolder, key, SignatureManifest.ParseMeaning(parse.GetValue(meaning)!), clock);
                console.MarkupLineInterpolated($"Signed by [blue]{key.Signer}[/] as {parse.GetValue(meaning)}: {signature}");
                return Task.FromResult(ExitCodes.Passed);
            }
            catch (Exception e) when (e is SigningException or InvalidDataException or FileNotFoundException or IOException)
            {
                console.MarkupLine("[red]Cannot sign:[/]");
                console.WriteLine(e.Message);
                return Task.FromResult(ExitCodes.UsageError);
            }
        });
        return command;
    }

    private static Command Verify(IAnsiConsole console)
    {
        var folder = RunFolderArgument();
        var command = new Command("verify", "Check a run folder's report: every signature, every artifact's SHA-256, who signed what, and that report.html is the latest revision. Exit 0 if it verifies, 1 if not.") { folder };
        command.SetAction((parse, _) =>
        {
            var runFolder = parse.GetValue(folder)!.FullName;
            VerificationResult result;
            try
            {
                result = ReportVerifier.Verify(runFolder);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                console.MarkupLine("[red]Cannot verify:[/]");
                console.WriteLine(e.Message);
                return Task.FromResult(ExitCodes.UsageError);
            }

            foreach (var note in result.Notes)
            {
                console.WriteLine($"  {note}");
            }

            foreach (var problem in result.Problems)
            {
                console.MarkupLineInterpolated($"[red]FAILED[/] {problem.File}: {problem.Message}");
            }

            if (result.Verified)
            {
                console.MarkupLineInterpolated($"[green]Verified[/] {result.DocumentNumber}.");
            }
            else
            {
                console.MarkupLineInterpolated($"[red]Not verified[/] {result.DocumentNumber}: {result.Problems.Count} problem(s).");
            }

            return Task.FromResult(result.Verified ? ExitCodes.Passed : ExitCodes.Failed);
        });
        return command;
    }
}
