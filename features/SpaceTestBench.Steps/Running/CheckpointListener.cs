using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// Checkpoints a run at step boundaries and inside long waits, through the results store: before each step
/// the settings the bench has commanded (so a resumed run can restore them), and the progress of every long
/// wait (so a resumed anneal or dwell waits only the rest). Registered after <see cref="ResultsListener"/>.
/// </summary>
public sealed class CheckpointListener(BenchSession bench, ResultRecorder recorder, ResumePlan? resume, Resuming.ScenarioCheckpoints? scenarioCheckpoints = null) : IRunListener, IWaitCheckpoints
{
    private readonly Lock _gate = new();
    private ScenarioRecorder? _scenario;
    private (string ScenarioId, int Step)? _resumedStep;

    // Resume (issue 15): a test's cut exactly between two steps (off unless its environment variable is set).
    private readonly Resuming.StepBoundaryCut? _cut = Resuming.StepBoundaryCut.FromEnvironment();
    private readonly Resuming.InStepCut? _milestoneCut = Resuming.InStepCut.FromEnvironment(Resuming.InStepCut.Milestone);
    private readonly Resuming.InStepCut? _waitCut = Resuming.InStepCut.FromEnvironment(Resuming.InStepCut.InWait);
    private TestCaseInfo? _testCase;
    private Reqnroll.BoDi.IObjectContainer? _container;
    private int _milestones;
    private int _inWait;

    /// <inheritdoc />
    public (string? ScenarioId, int StepIndex) CurrentStep
    {
        get
        {
            lock (_gate)
            {
                return (_scenario?.Scenario.ScenarioId, _scenario?.CurrentStepIndex ?? 0);
            }
        }
    }

    // The running scenario's objects: a checkpoint inside a step carries their state where the step can continue from it.
    private Reqnroll.BoDi.IObjectContainer? Container
    {
        get
        {
            lock (_gate)
            {
                return _container;
            }
        }
    }

    /// <inheritdoc />
    public void TestCaseStarted(TestCaseInfo testCase, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(context);
        lock (_gate)
        {
            _scenario = ScenarioScope.Required<ScenarioRecorder>(context);
            _testCase = testCase;
            _container = context.ScenarioContainer;
            _resumedStep = resume?.Continues(testCase) is { } open ? (open.ScenarioId, open.FirstUnfinishedStep) : null;
        }
    }

    /// <inheritdoc />
    public void StepStarted(TestCaseInfo testCase, int index, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenario = ScenarioScope.Required<ScenarioRecorder>(context);
        lock (_gate)
        {
            _milestones = 0;
            _inWait = 0;
        }

        recorder.Emit(new SettingsCheckpoint(recorder.Clock.GetUtcNow(), scenario.Scenario.ScenarioId, index, bench.Safety.Journal.ToJson()));
    }

    /// <inheritdoc />
    public void StepFinished(TestCaseInfo testCase, StepResult result, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        _cut?.StepRecorded(testCase, result.Index);
    }

    /// <inheritdoc />
    public void TestCaseFinished(TestCaseResult result, Reqnroll.IScenarioContext context)
    {
        lock (_gate)
        {
            _scenario = null;
            _testCase = null;
            _container = null;
            _resumedStep = null;
        }
    }

    /// <inheritdoc />
    public TimeSpan AlreadyWaited(int ordinal, TimeSpan duration)
    {
        lock (_gate)
        {
            if (resume is null || _scenario is null || _resumedStep is not { } resumed || resumed.Step != _scenario.CurrentStepIndex)
            {
                return TimeSpan.Zero;
            }

            // Resume (issue 15): only the same wait is credited; a wait computed from restored physics is waited whole.
            var done = resume.Point.WaitDone(resumed.ScenarioId, resumed.Step, ordinal, duration);
            return done < duration ? done : duration;
        }
    }

    /// <inheritdoc />
    public void Progress(int ordinal, TimeSpan duration, TimeSpan done)
    {
        var (scenario, step) = CurrentStep;
        if (scenario is not null)
        {
            // Resume (issue 15): the physics where the wait stands, before its progress is recorded.
            scenarioCheckpoints?.SaveInWait(scenario, step, ordinal, bench, Container);
            recorder.Emit(new WaitCheckpoint(recorder.Clock.GetUtcNow(), scenario, step, ordinal, duration, done));
            TestCaseInfo? testCase;
            int count;
            lock (_gate)
            {
                (testCase, count) = (_testCase, ++_inWait);
            }

            if (testCase is not null)
            {
                _waitCut?.Saved(testCase, step, count);
            }
        }
    }

    /// <inheritdoc />
    public void Milestone()
    {
        var (scenario, step) = CurrentStep;
        if (scenario is null)
        {
            return;
        }

        // Resume (issue 15): its bench time on record first (a "wait" of ordinal −1, no duration, which no wait asks for), so a
        // resumed clock, which opens at the record's last bench time, never opens before the world saved here; then the
        // in-step world with its settings, which a resume of this step reads first.
        recorder.Emit(new WaitCheckpoint(recorder.Clock.GetUtcNow(), scenario, step, -1, TimeSpan.Zero, TimeSpan.Zero));
        scenarioCheckpoints?.SaveMilestone(scenario, step, bench, Container);
        TestCaseInfo? testCase;
        int count;
        lock (_gate)
        {
            (testCase, count) = (_testCase, ++_milestones);
        }

        if (testCase is not null)
        {
            _milestoneCut?.Saved(testCase, step, count);
        }
    }
}
