using System.Reflection;
using Gherkin.CucumberMessages;
using Serilog;
using Spectre.Console;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Messages;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Tags;
using SpaceTestBench.Reports;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Procedures;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Running;
using SpaceTestBench.Steps.Validation;

namespace SpaceTestBench.Cli.Running;

/// <summary>
/// One qualification run: check every input before touching an instrument, open the bench, run the
/// selected scenarios while recording results durably, then render the report from the store.
/// <paramref name="progressEvents"/>, if given, gets the run's progress events beside the operator's view (a facility station host).
/// </summary>
public sealed class QualificationRun(IAnsiConsole console, Results.Progress.IProgressSink? progressEvents = null)
{
    /// <summary>The software version recorded in every run (informational version, with the commit when built from git).</summary>
    public static string SoftwareVersion =>
        typeof(QualificationRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Runs and returns the exit code.</summary>
    public Task<int> ExecuteAsync(RunRequest request, CancellationToken cancellationToken) => ExecuteAsync(request, null, cancellationToken);

    /// <summary>
    /// Runs and returns the exit code. <paramref name="folderLock"/> is the run folder's lock when the caller
    /// already holds it (a resume takes it before reading the record); otherwise the run takes it once its
    /// inputs are checked, and holds it until the report is written.
    /// </summary>
    public async Task<int> ExecuteAsync(RunRequest request, RunFolderLock? folderLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // 1. Inputs, all checked before any instrument is touched.
        BenchDefinition bench;
        DutProfile dut;
        TagExpression tags;
        List<FeatureSource> features;
        BindingSource bindings;
        var ids = new IncrementingIdGenerator();
        try
        {
            bench = BenchDefinitionLoader.Load(request.BenchFile);
            var dutFile = request.DutFile ?? bench.DefaultDutFile ?? throw new BenchConfigurationException(
                bench.File, "$.dut", "the bench names no default DUT profile; give one with --dut FILE.");
            dut = DutProfileLoader.Load(dutFile);
            tags = TagExpression.Parse(request.Tags ?? "");
            features = FeatureSource.FindFeatureFiles(request.Features).Select(f => FeatureSource.Load(f, request.FeaturesRoot, ids)).ToList();
            bindings = BenchRunner.Catalog();
        }
        catch (Exception e) when (e is BenchConfigurationException or GherkinParseException or TagExpressionException or FileNotFoundException or BindingException)
        {
            console.MarkupLine("[red]Cannot run:[/]");
            console.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }

        var selected = features.SelectMany(f => f.Pickles.Where(p => tags.Evaluate(p.Tags.Select(t => t.Name).ToList())).Select(p => (Feature: f, Pickle: p))).ToList();
        if (selected.Count == 0)
        {
            console.MarkupLine("[red]Cannot run:[/]");
            console.WriteLine(Commands.ValidateCommand.NothingSelected(features.Select(f => f.Path).ToList(), features.Sum(f => f.Pickles.Count), request.Tags));
            return ExitCodes.UsageError;
        }

        // One Reqnroll runtime for the process: the check, the plan and the run match with one binding registry, built once.
        await using var reqnroll = new Gherkin.Runtime.ReqnrollRuntime(bindings.Assemblies);

        // Every selected step must match one binding and convert its arguments, and the bench must play every
        // role they need, before an instrument is touched: `spacebench validate`'s check, run first. A dry run
        // is itself that check, reported as its result.
        if (!request.DryRun)
        {
            ValidationReport validation;
            try
            {
                validation = await new FeatureValidator(StepCatalog.Build(), bench) { Reqnroll = reqnroll }
                    .ValidateAsync(features.Select(f => f.Path).ToList(), request.FeaturesRoot, p => tags.Evaluate(p.Tags.Select(t => t.Name).ToList()), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return StoppedBeforeAnythingRan();
            }

            if (validation.Problems.Count > 0)
            {
                console.MarkupLine("[red]Cannot run:[/] the feature files have problems; nothing was run and no instrument was touched.");
                Commands.ValidateCommand.Print(console, validation);
                return ExitCodes.UsageError;
            }
        }

        // 2. The run folder (this process its one writer), its log, the bench.
        using var ownLock = folderLock is null ? RunFolderAccess.TryAcquire(console, request.RunFolder, request.DryRun ? "run --dry-run" : "run --out", "Cannot run:") : null;
        if (folderLock is null && ownLock is null)
        {
            return ExitCodes.UsageError;
        }

        if (!request.Resume && RefuseUsedFolder(console, request.RunFolder))
        {
            // Another run wrote it between the command line's check and the lock.
            return ExitCodes.UsageError;
        }

        // The plan: every scenario's bench time from its parameters, before anything is opened. Its total is the
        // campaign's planned duration for the calibration gate unless the operator states one (--planned-duration).
        Steps.Planning.CampaignPlan campaignPlan;
        try
        {
            campaignPlan = await new Steps.Planning.CampaignPlanner(bench, dut) { Reqnroll = reqnroll }.PlanAsync(
                features, p => tags.Evaluate(p.Tags.Select(t => t.Name).ToList()), request.Order, ids, TimeProvider.System, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return StoppedBeforeAnythingRan();
        }
        // A campaign naming its samples must name enough of them: refused now, not when a scenario finds none left.
        var namedSamples = request.Samples.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).Count();
        if (!request.Resume && namedSamples > 0 && namedSamples < campaignPlan.Samples)
        {
            var needing = campaignPlan.Scenarios.Where(x => x.Samples > 0).Select(x => $"{x.Location} {x.Samples}");
            console.MarkupLineInterpolated($"[red]Cannot run:[/] the campaign needs {campaignPlan.Samples} samples and --sample names {namedSamples}. Name {campaignPlan.Samples - namedSamples} more (in mounting order), or select fewer scenarios with --tags or --features. Samples per scenario: {string.Join(", ", needing)}.");
            return ExitCodes.UsageError;
        }

        if (request.PlannedDuration is null && campaignPlan.Total is { } plannedTotal)
        {
            request = request with { PlannedDuration = plannedTotal };
        }

        using var log = new LoggerConfiguration().MinimumLevel.Debug()
            .WriteTo.File(Path.Combine(request.RunFolder, "run.log"), formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        log.Information("SpaceTestBench {Version}: {Count} scenario(s) on bench {Bench} with DUT {Dut}", SoftwareVersion, selected.Count, bench.File, dut.File);
        console.MarkupLineInterpolated($"[bold]SpaceTestBench[/] {SoftwareVersion}: {selected.Count} scenario(s) from {features.Count} feature file(s)");
        console.MarkupLineInterpolated($"  bench [blue]{bench.Name}[/] ({bench.File})");
        console.MarkupLineInterpolated($"  DUT   [blue]{dut.Name}[/] ({dut.File})");
        if (request.DryRun)
        {
            Progress.PlanPrinter.Print(console, campaignPlan, steps: false);
        }

        var resume = request.ResumeFrom;
        if (resume is null && bench.Clock == BenchClockKind.Wall && !CalibrationGateAllows(bench, TimeProvider.System.GetUtcNow(), request, log))
        {
            return ExitCodes.UsageError;
        }

        BenchSession session;
        try
        {
            // A resumed run's bench time continues where the interrupted one's record ends — at that instant, not a
            // moment after: a resume cut between two steps then runs its next step at the bench time the uninterrupted
            // run did, so its readings (whose noise is keyed by the moment of the run) are that run's, not another draw.
            session = await BenchSession.OpenAsync(bench, dut, resume?.LastBenchTime, log, cancellationToken);
        }
        catch (Exception e) when (e is BenchOpenException or BenchConfigurationException)
        {
            log.Error(e, "The bench could not be opened");
            console.MarkupLine("[red]Cannot open the bench:[/]");
            console.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while the bench was opening: nothing ran; closing the half-open bench left it safe.
            log.Information("Stopped by the operator while the bench was opening");
            return StoppedBeforeAnythingRan();
        }

        // 3. Run, recording as we go; 4. render from the store.
        var runId = Path.GetFileName(Path.TrimEndingDirectorySeparator(request.RunFolder));
        Verdict overall;
        ConsoleProgress progress;
        var allStepsMatched = false;
        var messagesFile = MessagesFile(request);
        var envelopes = new MessageCollector();
        await using (session)
        {
            session.StopOn(cancellationToken);
            using var store = SqliteResultStore.Create(request.RunFolder);
            var mode = request.DryRun ? Progress.ProgressMode.Quiet : request.Progress ?? Progress.OperatorProgress.ModeFor(console, quiet: false, Console.IsOutputRedirected);
            await using var view = Progress.OperatorProgress.Start(console, mode, request.RunFolder, session.Clock, TimeProvider.System, request.ProgressLineInterval);
            if (progressEvents is not null)
            {
                view.Pipeline.Add(progressEvents);
            }

            var recorder = new ResultRecorder(session.Clock, store, new Results.Progress.ResultsProgressBridge(view.Pipeline));
            view.Pipeline.Publish(new Results.Progress.CampaignProgressStarted(
                session.Clock.GetUtcNow(), campaignPlan.Scenarios.Count, campaignPlan.Total, campaignPlan.ScenarioBenchTimes, bench.Clock == BenchClockKind.Virtual));
            var recorded = resume is null ? null : ResultStoreReader.Read(request.RunFolder);
            var plan = recorded is null ? null : new ResumePlan(resume!) { UsedSamples = ScenarioSamples.UsedIn(recorded) };
            if (resume is null)
            {
                recorder.StartRun(RunProvenance.Describe(runId, session, dut, request, TimeProvider.System.GetUtcNow(), features.Select(f => (f.Path, f.Uri)).ToList()));
                RecordCalibrationDeviations(bench, session.Clock.GetUtcNow(), request, recorder);
            }
            else
            {
                recorder.ContinueAfter(resume.Scenarios.Count, resume.SeriesCount);
            }

            progress = new ConsoleProgress(console);
            using var messages = NdjsonMessageWriter.Create(Path.Combine(request.RunFolder, messagesFile));
            var options = new TestRunnerOptions { DryRun = request.DryRun, Retry = request.Retry, Order = request.Order, Messages = new MessageSinks(messages, envelopes), Ids = ids, Reqnroll = reqnroll };
            // Resume (issue 15): scenario checkpoints in the run folder, written as the run goes, read by a resume.
            var scenarioCheckpoints = new Steps.Resuming.ScenarioCheckpoints(request.DryRun ? null : request.RunFolder, typeof(BenchRunner).Assembly, plan);
            await using var campaign = new Campaign(session, recorder, new CampaignSettings
            {
                Bindings = bindings, Options = options, Progress = progress, Resume = plan, ProgressSink = view.Pipeline, ScenarioCheckpoints = scenarioCheckpoints,
                Samples = request.Samples,
            });
            var runner = campaign.Runner;
            try
            {
                try
                {
                    if (resume is not null)
                    {
                        await BeginResumeAsync(session, recorder, resume, scenarioCheckpoints, log, cancellationToken);
                    }

                    var planned = await runner.StartAsync(features, p => tags.Evaluate(p.Tags.Select(t => t.Name).ToList()), cancellationToken);
                    foreach (var testCase in planned)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (plan?.IsDone(testCase) == true)
                        {
                            continue;
                        }

                        var continued = plan?.Continues(testCase);
                        var firstStep = continued?.FirstUnfinishedStep ?? 0;
                        await runner.RunAsync(testCase.Feature, testCase.Pickle, firstStep, EndedBefore(recorded, continued, firstStep), cancellationToken);
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                }
                finally
                {
                    // The AfterTestRun hooks run and the message stream ends even when a BeforeTestRun hook failed.
                    if (!cancellationToken.IsCancellationRequested)
                    {
                        await runner.FinishAsync(cancellationToken);
                    }
                }

                log.Information("Scenario checkpoints: {Written} file(s) written, {Unchanged} latest-world checkpoint(s) unchanged and not written again",
                    scenarioCheckpoints.FilesWritten, scenarioCheckpoints.UnchangedNotWritten);
                // Recorded with the run's end for the record only: the report and the exit code recompute it from the
                // store by VerdictPolicy (the scenario verdicts counted here are that policy's, read back live).
                overall = Verdicts.Worst(progress.Counts.Keys);
                allStepsMatched = runner.Succeeded;
            }
            catch (OperationCanceledException)
            {
                recorder.RecordEvent(BenchEventKind.RunAborted, null, $"The run was stopped by the operator; continue it with: spacebench run --resume {request.RunFolder}");
                await session.SafeStateAsync(SafeStateReason.Cancellation, "the run was stopped by the operator (Ctrl-C or SIGTERM)", CancellationToken.None);
                overall = Verdict.Aborted;
            }
            catch (Bench.Safety.InterlockTrippedException e)
            {
                // Outside any scenario (a scenario's own trip ends that scenario): restoring a resumed run's settings, say.
                // The bench made itself safe; the run stays open, nothing recorded is lost, and it can be resumed once the
                // cause is cleared. A bench event, not a defect: no stack trace.
                log.Error(e, "An interlock tripped outside any scenario");
                recorder.RecordEvent(BenchEventKind.RunAborted, null, $"{e.Message} The run stays open; continue it with: spacebench run --resume {request.RunFolder}");
                console.MarkupLine("[red]An interlock tripped outside any scenario:[/]");
                console.WriteLine(e.Message);
                overall = Verdict.Aborted;
            }
            catch (HookFailedException e)
            {
                log.Error(e, "A run hook failed");
                recorder.RecordEvent(BenchEventKind.HookFailed, null, e.Message);
                console.MarkupLine("[red]A run hook failed:[/]");
                console.WriteLine(e.Message);
                overall = Verdict.Error;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A defect, not a test outcome: make the bench safe and keep the record, then let it surface.
                log.Fatal(e, "The run failed unexpectedly");
                recorder.RecordEvent(BenchEventKind.RunAborted, null, $"The run failed unexpectedly: {e.Message}");
                await session.SafeStateAsync(SafeStateReason.UnhandledException, e.Message, CancellationToken.None);
                throw;
            }

            view.Pipeline.Publish(new Results.Progress.CampaignProgressFinished(session.Clock.GetUtcNow(), overall));

            // The end of the run leaves the bench safe, on the record; closing the session later does it again, unrecorded.
            await session.SafeStateAsync(SafeStateReason.SessionEnd, "the run ended", CancellationToken.None);
            campaign.DetachFromBench();
            if (overall == Verdict.Aborted)
            {
                // Left open, like a crash, so --resume can continue it.
                console.MarkupLineInterpolated($"[yellow]Stopped.[/] Continue with: spacebench run --resume {request.RunFolder}");
            }
            else
            {
                recorder.FinishRun(TimeProvider.System.GetUtcNow(), overall);
            }
        }

        // Cucumber's own page of the same messages, for step authors; written before the report so its manifest lists it.
        await CucumberHtmlReport.WriteAsync(
            Path.Combine(request.RunFolder, CucumberReportFile(messagesFile)), envelopes.Envelopes, $"SpaceTestBench run {runId}", CancellationToken.None);
        var results = ResultStoreReader.Read(request.RunFolder);
        log.Information("Run finished; rendering the report from the store");

        // run.log is one of the artifacts the report's SHA-256 manifest lists: it must not change afterwards.
        log.Dispose();
        var rendered = ReportRenderer.Render(results, request.RunFolder, new ReportOptions { RenderedBy = SoftwareVersion });
        Summarise(results, rendered);
        if (request.DryRun)
        {
            // A dry run proves only that every step has exactly one binding; nothing was measured.
            console.MarkupLine(allStepsMatched ? "[green]Dry run: every step matched one binding.[/]" : "[red]Dry run: some steps are undefined or ambiguous.[/]");
            return allStepsMatched ? ExitCodes.Passed : ExitCodes.Failed;
        }

        return ExitCodes.Of(rendered.Judgement);
    }

    /// <summary>Ctrl-C or SIGTERM before a scenario ran (inputs checked, the plan made, the bench opening): nothing to resume.</summary>
    private int StoppedBeforeAnythingRan()
    {
        console.MarkupLine("[yellow]Stopped[/] before anything ran.");
        return ExitCodes.Failed;
    }

    /// <summary>
    /// Continues the interrupted run recorded in <paramref name="runFolder"/> (<c>spacebench run --resume</c>, and a
    /// facility station resuming an aborted campaign): takes the folder's lock first (a live run's record is still
    /// changing, and two processes must never run it), reads where the run stands, and runs the rest with the
    /// record's own bench, DUT, features, tags and samples. Exit 2, after saying why under "Cannot resume:",
    /// when the folder is locked, holds no resumable record, or holds a finished run.
    /// </summary>
    public async Task<int> ResumeAsync(string runFolder, string? operatorName, Progress.ProgressMode? progress, CancellationToken cancellationToken)
    {
        using var folderLock = RunFolderAccess.TryAcquire(console, runFolder, "run --resume", "Cannot resume:");
        if (folderLock is null)
        {
            return ExitCodes.UsageError;
        }

        try
        {
            var point = ResumePoint.Read(runFolder);
            if (point.Finished)
            {
                if (!Commands.ReportCommand.ReportWritten(runFolder))
                {
                    // Stopped after its last scenario, while writing its report: everything is in the store, so the resume
                    // finishes the job as 'spacebench report' would, and exits with the verdicts' code.
                    console.MarkupLineInterpolated($"Every scenario of the run in {runFolder} is recorded; it stopped while writing its report. Writing the report from the record (as spacebench report does):");
                    return Commands.ReportCommand.RenderFromRecord(console, runFolder, null, TimeProvider.System);
                }

                console.MarkupLineInterpolated($"[red]Cannot resume:[/] the run in {runFolder} finished and its report is written; there is nothing left to run.");
                return ExitCodes.UsageError;
            }

            var resumed = ResumeKeys.Rebuild(point, runFolder, operatorName) with { ResumeFrom = point, Progress = progress };
            return await ExecuteAsync(resumed, folderLock, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            console.MarkupLine("[red]Cannot resume:[/]");
            console.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }
    }

    /// <summary>
    /// True (after saying so) when <paramref name="runFolder"/> already holds a run: a run folder is one run's
    /// record, and writing a second run into it would mix two runs' results.
    /// </summary>
    internal static bool RefuseUsedFolder(IAnsiConsole console, string runFolder)
    {
        if (!RunFolderAccess.HoldsAnything(runFolder))
        {
            return false;
        }

        console.MarkupLine("[red]Configuration error:[/]");
        console.WriteLine(
            $"The run folder {runFolder} is not empty. A run writes a new folder: choose another --out, remove this one, "
            + $"or continue the run recorded there with --resume {runFolder}.");
        return true;
    }

    /// <summary>
    /// The start of a resumed run: recorded, then the safe state (nothing is known about the bench after a
    /// crash), then the settings the bench had commanded when the interrupted step began, except radiation.
    /// </summary>
    private async Task BeginResumeAsync(
        BenchSession session, ResultRecorder recorder, ResumePoint resume, Steps.Resuming.ScenarioCheckpoints checkpoints, ILogger log, CancellationToken cancellationToken)
    {
        var open = resume.Scenarios.LastOrDefault(s => !s.Finished);
        var where = open is null ? "after its last finished scenario" : $"at step {open.FirstUnfinishedStep + 1} of '{open.Name}'";
        recorder.RecordEvent(BenchEventKind.RunResumed, null, $"The run resumes {where}; {resume.Scenarios.Count(s => s.Finished)} scenario(s) had finished.");
        console.MarkupLineInterpolated($"  resuming {where}");

        // Resume (issue 15): a simulated DUT keeps its physics through the crash, as a real one would; the safe state acts on it.
        if (session.Simulation is not null
            && checkpoints.WorldToResume(open is null ? null : new(open.ScenarioId, open.FirstUnfinishedStep)) is { } physics)
        {
            await session.RestoreWorldAsync(physics);
            recorder.RecordEvent(BenchEventKind.Note, null, "The simulated world's physics (sample, dose, trapped charge, temperatures, pressure, delivered dose and fluence) continues from the interrupted run's last checkpoint.");
        }

        await session.SafeStateAsync(SafeStateReason.ResumeStart, "a resumed run starts from the safe state", cancellationToken);
        // Resume (issue 15): cut between a step's end and the next one's start, the settings are the scenario checkpoint's.
        // Restored from a world saved inside the step (an exposure's end, or a long wait such as an exposure's), the settings
        // saved with that world: the step's own commands before it (a new dose target) belong to that physics.
        if (open is not null && (checkpoints.JournalInStep(new(open.ScenarioId, open.FirstUnfinishedStep))
                ?? resume.SettingsAt(open.ScenarioId, open.FirstUnfinishedStep) ?? checkpoints.JournalBefore(open.ScenarioId, open.FirstUnfinishedStep)) is { } json)
        {
            var restored = await session.RestoreAsync(Bench.Resilience.SettingsJournal.FromJson(json), cancellationToken);
            log.Information("Restored {Count} setting(s) commanded before the interruption", restored);
            recorder.RecordEvent(BenchEventKind.Note, null, $"Restored {restored} setting(s) the bench had commanded before the interruption (radiation stays off until a step turns it on).");
        }
    }

    /// <summary>
    /// A real bench refuses to start a campaign whose instruments are out of calibration at its start or fall due before
    /// its planned end (ISO/IEC 17025 §6.4.4). The planned end is the start plus <see cref="RunRequest.PlannedDuration"/>;
    /// once <c>spacebench plan</c> (issue 19) estimates a campaign's bench time, its estimate is the default here.
    /// </summary>
    private bool CalibrationGateAllows(BenchDefinition bench, DateTimeOffset start, RunRequest request, ILogger log)
    {
        var check = CalibrationGate.Check(bench.Instruments.Values, start, start + request.PlannedDuration);
        if (check.Passed)
        {
            return true;
        }

        log.Error("Calibration gate: {Findings}", string.Join(" ", check.Blocking.Select(f => f.Message)));
        console.MarkupLine("[red]Cannot run: instruments out of calibration[/]");
        foreach (var finding in check.Blocking)
        {
            console.WriteLine($"  {finding.Message}");
        }

        console.WriteLine("Calibrate them (and update calibrationDue in the bench file), or plan a campaign that ends before they fall due.");
        return false;
    }

    /// <summary>
    /// True when the continued scenario's record already has a step before <paramref name="firstStep"/> that ended it (failed,
    /// or otherwise did not pass): the uninterrupted run skipped every step after it, so the resume skips them too instead of
    /// running them on a bench whose scenario state (no checkpoint is written after a failed step) is not theirs.
    /// </summary>
    private static bool EndedBefore(RunResults? recorded, ResumableScenario? continued, int firstStep) =>
        recorded is not null && continued is not null
        && recorded.Scenarios.Where(s => s.Info.ScenarioId == continued.ScenarioId)
            .SelectMany(s => s.Steps)
            .Any(s => s.Index < firstStep && s.Outcome is { } outcome && outcome != StepOutcome.Passed);

    /// <summary>A simulated bench runs on, recording each calibration the real bench would have refused as a deviation.</summary>
    private static void RecordCalibrationDeviations(BenchDefinition bench, DateTimeOffset start, RunRequest request, ResultRecorder recorder)
    {
        var check = CalibrationGate.Check(bench.Instruments.Values, start, start + request.PlannedDuration);
        foreach (var finding in check.Blocking)
        {
            recorder.RecordEvent(BenchEventKind.Deviation, null,
                $"Calibration: {finding.Message} A real bench would have refused to start; results taken with it after its due date are not traceable (ISO/IEC 17025 §6.4.9).");
        }
    }

    private static string MessagesFile(RunRequest request)
    {
        if (!request.Resume)
        {
            return "messages.ndjson";
        }

        var n = 1;
        while (File.Exists(Path.Combine(request.RunFolder, $"messages.resume-{n}.ndjson")))
        {
            n++;
        }

        return $"messages.resume-{n}.ndjson";
    }

    /// <summary>"messages.ndjson" → "cucumber-report.html"; "messages.resume-1.ndjson" → "cucumber-report.resume-1.html".</summary>
    private static string CucumberReportFile(string messagesFile) =>
        "cucumber-report" + Path.GetFileNameWithoutExtension(messagesFile)["messages".Length..] + ".html";

    private void Summarise(RunResults results, RenderedReport rendered)
    {
        var judgement = rendered.Judgement;
        var table = new Table().AddColumn("Verdict").AddColumn(new TableColumn("Scenarios").RightAligned());
        foreach (var group in judgement.Scenarios.GroupBy(s => s.Verdict).OrderBy(g => g.Key))
        {
            table.AddRow(new Markup($"[{ConsoleProgress.Colour(group.Key)}]{group.Key}[/]"), new Text(group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        console.Write(table);
        var passed = judgement.Scenarios.Count(s => s.Passed);
        var notPassed = results.Scenarios.Count - passed;
        var overall = judgement.Verdict;
        console.MarkupLineInterpolated($"[{ConsoleProgress.Colour(overall)}]{overall}[/]: {passed} scenario(s) passed, {notPassed} did not.");
        foreach (var reason in judgement.RunReasons)
        {
            console.MarkupLineInterpolated($"  [{ConsoleProgress.Colour(reason.Verdict)}]{reason.Verdict}[/]: {reason.Text}");
        }

        console.MarkupLineInterpolated($"Report: {rendered.Report}");
    }
}
