namespace SpaceTestBench.Results.Progress;

/// <summary>
/// The picture of a campaign at one moment, built from its progress events: what every progress view
/// (the live display, plain lines, <c>spacebench status</c>) shows. It is also what the run folder's store
/// keeps, so a reader in another process sees the same picture as the terminal running the campaign.
/// </summary>
/// <param name="Scenarios">Scenarios in the run (N).</param>
/// <param name="ScenarioNumber">The current (or last) scenario's position, from 1; 0 before the first.</param>
/// <param name="ScenarioName">Its name.</param>
/// <param name="ScenarioLocation">Its feature file and line.</param>
/// <param name="StepIndex">The current step's index, from 0; -1 outside a step.</param>
/// <param name="StepCount">Steps in the scenario.</param>
/// <param name="StepText">The current step's text.</param>
/// <param name="Activity">What the step is doing, in words.</param>
/// <param name="Gauges">The step's own progress quantities.</param>
/// <param name="GaugesAt">Bench time the gauges were read at.</param>
/// <param name="Interlocks">Interlocks armed, with their action.</param>
/// <param name="LastMeasurement">The last judged measurement.</param>
/// <param name="Started">Bench time the campaign started.</param>
/// <param name="ScenarioStarted">Bench time the current scenario started.</param>
/// <param name="Now">Bench time of the latest event.</param>
/// <param name="PlannedScenarios">Each scenario's planned bench time (null where unknown).</param>
/// <param name="VirtualClock">True on a simulated bench.</param>
/// <param name="Verdicts">Finished scenarios by verdict.</param>
/// <param name="Finished">The campaign's end, once it has ended.</param>
public sealed record ProgressSnapshot(
    int Scenarios,
    int ScenarioNumber,
    string? ScenarioName,
    string? ScenarioLocation,
    int StepIndex,
    int StepCount,
    string? StepText,
    string? Activity,
    IReadOnlyList<ProgressGauge> Gauges,
    DateTimeOffset? GaugesAt,
    IReadOnlyList<string> Interlocks,
    MeasurementJudged? LastMeasurement,
    DateTimeOffset? Started,
    DateTimeOffset? ScenarioStarted,
    DateTimeOffset? Now,
    IReadOnlyList<TimeSpan?> PlannedScenarios,
    bool VirtualClock,
    IReadOnlyDictionary<Verdict, int> Verdicts,
    CampaignProgressFinished? Finished)
{
    /// <summary>Nothing has happened yet.</summary>
    public static ProgressSnapshot Empty { get; } = new(0, 0, null, null, -1, 0, null, null, [], null, [], null, null, null, null, [], false, new Dictionary<Verdict, int>(), null);

    /// <summary>Bench time since the campaign started, at <see cref="Now"/>.</summary>
    public TimeSpan Elapsed => Started is { } started && Now is { } now ? now - started : TimeSpan.Zero;

    /// <summary>
    /// Bench time left, from the plan: the rest of the current scenario (its plan less what it has run, never
    /// below zero) and the plans of the scenarios after it; null when the plan does not know some of them.
    /// </summary>
    public TimeSpan? Remaining
    {
        get
        {
            if (Finished is not null)
            {
                return TimeSpan.Zero;
            }

            if (PlannedScenarios.Count == 0)
            {
                return null;
            }

            var left = TimeSpan.Zero;
            for (var i = Math.Max(ScenarioNumber, 1) - 1; i < PlannedScenarios.Count; i++)
            {
                if (PlannedScenarios[i] is not { } planned)
                {
                    return null;
                }

                if (i == ScenarioNumber - 1 && ScenarioStarted is { } began && Now is { } now)
                {
                    var rest = planned - (now - began);
                    left += rest > TimeSpan.Zero ? rest : TimeSpan.Zero;
                }
                else
                {
                    left += planned;
                }
            }

            return left;
        }
    }

    /// <summary>The picture after <paramref name="progress"/>.</summary>
    public ProgressSnapshot With(ProgressEvent progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var next = this with { Now = Now is { } now && now > progress.BenchTime ? now : progress.BenchTime };
        return progress switch
        {
            CampaignProgressStarted c => next with
            {
                Scenarios = c.Scenarios, PlannedScenarios = c.PlannedScenarios, VirtualClock = c.VirtualClock, Started = c.BenchTime, Finished = null,
            },
            ScenarioProgressStarted s => next with
            {
                ScenarioNumber = s.Number, ScenarioName = s.Name, ScenarioLocation = s.Location, ScenarioStarted = s.BenchTime,
                StepIndex = -1, StepCount = 0, StepText = null, Activity = null, Gauges = [], GaugesAt = null,
            },
            StepProgressStarted s => next with { StepIndex = s.Index, StepCount = s.Count, StepText = s.Text, Activity = null, Gauges = [], GaugesAt = null },
            StepProgressReported r => next with { Activity = r.Activity, Gauges = r.Gauges, GaugesAt = r.BenchTime },
            MeasurementJudged m => next with { LastMeasurement = m },
            InterlocksArmed a => next with { Interlocks = a.Interlocks },
            ScenarioProgressFinished f => next with
            {
                Verdicts = new Dictionary<Verdict, int>(Verdicts) { [f.Verdict] = Verdicts.GetValueOrDefault(f.Verdict) + 1 },
                StepIndex = -1, StepText = null, Activity = null, Gauges = [], GaugesAt = null,
            },
            CampaignProgressFinished f => next with { Finished = f, StepIndex = -1, StepText = null, Activity = null, Gauges = [] },
            _ => next,
        };
    }
}
