using System.Reflection;
using System.Text.Json.Nodes;
using SpaceTestBench.Bench;
using Reqnroll.BoDi;
using SpaceTestBench.Steps.Running;

namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// A run's scenario checkpoints, one file per point a resumed scenario can continue from, in the run folder's
/// <c>checkpoints/</c>: before each step, what the completed steps established (<see cref="ScenarioState"/>), the settings
/// journal and
/// the simulated world's physics; inside a long wait, the physics again, in the one file that always holds the latest
/// physics (<c>world.json</c>, which says the step whose wait it was saved in). A file is written whole or not at all
/// (written beside, then renamed over), and is keyed by the step it comes before, so a kill between a step's
/// end and its record, or between its record and this file, leaves either the previous step's checkpoint or this
/// one — never state ahead of what the record says finished. Run-scoped: one per run.
/// </summary>
[NotScenarioState("run-scoped: one per run, registered with the run's container")]
public sealed class ScenarioCheckpoints
{
    /// <summary>The scenario a resume continues and the step it runs again.</summary>
    /// <param name="ScenarioId">Its id in the run.</param>
    /// <param name="Step">Its first unfinished step.</param>
    public sealed record ResumableScenarioRef(string ScenarioId, int Step);

    private readonly string? _folder;

    // What this process last wrote to world.json: a checkpoint whose text is the same is not written again. Inside a long
    // wait at steady conditions (a soak at its setpoint, a dwell) the physics does not change from one checkpoint to the
    // next, and each write is an fsync; the file already holds those very bytes, so a resume gets back the same.
    private string? _latestWorldWritten;

    /// <summary>
    /// Checkpoints under <paramref name="runFolder"/> (null: none are written, as for a runner without a run folder),
    /// of the scoped types of <paramref name="bindings"/>; <paramref name="resume"/> when continuing a run.
    /// </summary>
    public ScenarioCheckpoints(string? runFolder, Assembly bindings, ResumePlan? resume)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        _folder = runFolder is null ? null : Path.Combine(runFolder, "checkpoints");
        Types = ScenarioState.ScopedTypes(bindings);
        Resume = resume;
    }

    /// <summary>The scenario-scoped types whose state a checkpoint holds.</summary>
    public IReadOnlyList<Type> Types { get; }

    /// <summary>The interrupted run being continued, or null.</summary>
    public ResumePlan? Resume { get; }

    /// <summary>Checkpoint files this process wrote (each written beside, flushed to disk and renamed over).</summary>
    public int FilesWritten { get; private set; }

    /// <summary>Latest-world checkpoints not written because the file already held the same text.</summary>
    public int UnchangedNotWritten { get; private set; }

    /// <summary>Saves the checkpoint before step <paramref name="nextStep"/> of the scenario: its objects' state and the world's physics.</summary>
    public void SaveBeforeStep(string scenarioId, int nextStep, IObjectContainer container, BenchSession bench)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(bench);
        if (_folder is null)
        {
            return;
        }

        // The world is captured once for both files: the two were captured one after the other at the same bench instant,
        // each a full evaluation to now and a serialisation of every model, and held the same physics.
        var world = bench.Simulation?.CaptureState();
        var checkpoint = new JsonObject
        {
            ["state"] = ScenarioState.Capture(container, Types),
            ["world"] = world,
            ["journal"] = bench.Safety.Journal.ToJson(),
        };
        Write(StepFile(scenarioId, nextStep), checkpoint.ToJsonString());
        if (world is not null)
        {
            WriteLatestWorld(new JsonObject { ["world"] = world });
        }
    }

    /// <summary>
    /// Saves the world's physics inside long wait <paramref name="ordinal"/> of a step (with its progress in the store), and
    /// the settings the bench has commanded at that moment: as at a milestone (<see cref="SaveMilestone"/>), the step
    /// commanded some before its wait (the dose target of the exposure the wait is in), and a world restored with the
    /// settings the step began with is ahead of them — the low-rate overtest cut 400 h into its exposure to 150 krad(Si)
    /// resumed with the ladder's 100 krad(Si) target, and the dose-overrun interlock tripped at once at 112.6 krad(Si).
    /// </summary>
    /// <remarks>
    /// Where a scoped object of the scenario (<paramref name="container"/>) says its step can continue from here
    /// (<see cref="IResumableInsideStep"/>), the scenario's state and the bench time go with the world: a resume of the step
    /// restores that state and keeps what the step recorded before this moment (<see cref="InStepState"/>).
    /// </remarks>
    public void SaveInWait(string scenarioId, int step, int ordinal, BenchSession bench, IObjectContainer? container = null)
    {
        ArgumentNullException.ThrowIfNull(bench);
        if (_folder is not null && bench.Simulation is { } world)
        {
            // One file, one fsync: the latest physics is where the wait stands, and the file says which step's wait it is
            // in, so a resume of that step reads it from here (it was written twice, here and per step, for the same world).
            WriteLatestWorld(WithStateIfResumable(new JsonObject
            {
                ["inStep"] = new JsonObject { ["scenario"] = scenarioId, ["step"] = step, ["ordinal"] = ordinal },
                ["world"] = world.CaptureState(),
                ["journal"] = bench.Safety.Journal.ToJson(),
            }, container, bench));
        }
    }

    /// <summary>
    /// The scenario's state saved inside the step a resume of <paramref name="open"/> continues, with the bench time it was
    /// saved at (what the step recorded before it stays on record), if the step said it can continue from there
    /// (<see cref="IResumableInsideStep"/>); null otherwise (the step runs again from its start, from the state before it).
    /// </summary>
    public (JsonObject State, DateTimeOffset SavedAt)? InStepState(ResumableScenarioRef? open) =>
        open is { } o && Read(LatestWorldFile) is { } latest && latest["inStep"] is JsonObject where
            && (string?)where["scenario"] == o.ScenarioId && (int?)where["step"] == o.Step
            && latest["state"] is JsonObject state && (string?)latest["savedAt"] is { } savedAt
            ? (state, DateTimeOffset.Parse(savedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind))
            : null;

    private JsonObject WithStateIfResumable(JsonObject checkpoint, IObjectContainer? container, BenchSession bench)
    {
        if (container is not null && Types.Any(t => typeof(IResumableInsideStep).IsAssignableFrom(t) && ((IResumableInsideStep)container.Resolve(t)).ResumableHere))
        {
            checkpoint["state"] = ScenarioState.Capture(container, Types);
            checkpoint["savedAt"] = bench.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return checkpoint;
    }

    /// <summary>
    /// Saves the world's physics and the settings the bench has commanded at a milestone of a step (an exposure that
    /// reached its dose): the settings go with it because the step commanded some before the milestone (the dose target
    /// the restored dose was delivered against), and a world ahead of the settings the step began with is one the
    /// dose-overrun interlock rightly refuses (a dose of 150 krad(Si) against the 100 krad(Si) target before the step).
    /// </summary>
    public void SaveMilestone(string scenarioId, int step, BenchSession bench, IObjectContainer? container = null)
    {
        ArgumentNullException.ThrowIfNull(bench);
        if (_folder is not null && bench.Simulation is { } world)
        {
            WriteLatestWorld(WithStateIfResumable(new JsonObject
            {
                ["inStep"] = new JsonObject { ["scenario"] = scenarioId, ["step"] = step, ["milestone"] = true },
                ["world"] = world.CaptureState(),
                ["journal"] = bench.Safety.Journal.ToJson(),
            }, container, bench));
        }
    }

    /// <summary>
    /// The settings saved with the world a resume of <paramref name="open"/> restores, when that world was saved inside its
    /// step (at a milestone, <see cref="SaveMilestone"/>, or in a long wait, <see cref="SaveInWait"/>): the settings in
    /// force with that physics. Null otherwise (the settings as the step began apply).
    /// </summary>
    public string? JournalInStep(ResumableScenarioRef? open) =>
        open is { } o && Read(LatestWorldFile) is { } latest && latest["inStep"] is JsonObject where
            && (string?)where["scenario"] == o.ScenarioId && (int?)where["step"] == o.Step
            ? (string?)latest["journal"]
            : null;

    /// <summary>
    /// The world's physics to resume from: where the interrupted step stands when a scenario was cut in a step; else
    /// (cut between scenarios, or in a first step before any long wait) the latest the run saved.
    /// </summary>
    public string? WorldToResume(ResumableScenarioRef? open) =>
        (open is { } o ? WorldAt(o.ScenarioId, o.Step) : null)
        ?? (string?)Read(LatestWorldFile)?["world"];

    private string LatestWorldFile => Path.Combine(_folder ?? "", "world.json");

    /// <summary>Writes world.json unless it already holds this very text (written by this process, so known to be on disk).</summary>
    private void WriteLatestWorld(JsonObject content)
    {
        var text = content.ToJsonString();
        if (text == _latestWorldWritten && File.Exists(LatestWorldFile))
        {
            UnchangedNotWritten++;
            return;
        }

        Write(LatestWorldFile, text);
        _latestWorldWritten = text;
    }

    /// <summary>
    /// Deletes the checkpoints of every scenario but <paramref name="keep"/> (the one a resume continues, if any): called
    /// as a scenario starts, when every scenario before it has its verdict on record and is never run again.
    /// </summary>
    public void ForgetFinishedScenarios(string? keep)
    {
        if (_folder is null || !Directory.Exists(_folder))
        {
            return;
        }

        foreach (var scenario in Directory.EnumerateDirectories(_folder))
        {
            if (keep is null || Path.GetFileName(scenario) != Safe(keep))
            {
                Directory.Delete(scenario, recursive: true);
            }
        }
    }

    /// <summary>
    /// The settings the bench had commanded when step <paramref name="step"/> was about to start (the journal after the
    /// step before it), or null: what a resume restores when it was cut before that step's own start was recorded.
    /// </summary>
    public string? JournalBefore(string scenarioId, int step) => (string?)BeforeStep(scenarioId, step)?["journal"];

    /// <summary>The checkpoint before step <paramref name="step"/>, or null if none was written.</summary>
    public JsonObject? BeforeStep(string scenarioId, int step) => Read(StepFile(scenarioId, step));

    /// <summary>
    /// The world's physics where the interrupted step stands: its latest long wait's if it reached one (the latest
    /// physics saved, when saved in that step's wait), else as the step began; null if neither was written (a real
    /// bench, or a scenario cut in its first step before any long wait).
    /// </summary>
    public string? WorldAt(string scenarioId, int step)
    {
        if (Read(LatestWorldFile) is { } latest && latest["inStep"] is JsonObject where
            && (string?)where["scenario"] == scenarioId && (int?)where["step"] == step)
        {
            return (string?)latest["world"];
        }

        return (string?)BeforeStep(scenarioId, step)?["world"];
    }

    private string StepFile(string scenarioId, int step) => Path.Combine(_folder ?? "", Safe(scenarioId), $"before-step-{step}.json");

    private static string Safe(string id) => string.Concat(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        FilesWritten++;
    }

    private JsonObject? Read(string path) => _folder is not null && File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
}
