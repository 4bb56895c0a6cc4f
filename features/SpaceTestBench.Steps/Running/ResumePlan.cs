using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// What a resumed run does with each pickle, from the interrupted run's store: pickles whose scenario
/// finished are not run again; the one that was cut off continues in its own record from its first
/// unfinished step; the rest run as new scenarios. A pickle is known by its feature file, line and name.
/// </summary>
public sealed class ResumePlan
{
    private readonly Dictionary<(string, int, string), ResumableScenario> _latest = [];

    /// <summary>A plan over <paramref name="point"/>.</summary>
    public ResumePlan(ResumePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        Point = point;
        foreach (var scenario in point.Scenarios)
        {
            // A retried scenario has several records; a finished one wins, else the latest.
            var key = (scenario.FeatureUri, scenario.Line, scenario.Name);
            if (!_latest.TryGetValue(key, out var known) || !known.Finished)
            {
                _latest[key] = scenario;
            }
        }
    }

    /// <summary>The interrupted run's state.</summary>
    public ResumePoint Point { get; }

    /// <summary>The sample serials the interrupted run used, each with its scenario: a fresh sample is never one of them.</summary>
    public IReadOnlyDictionary<string, string> UsedSamples { get; init; } = new Dictionary<string, string>();

    /// <summary>True if the pickle's scenario finished before the interruption.</summary>
    public bool IsDone(TestCaseInfo testCase) => Find(testCase) is { Finished: true };

    /// <summary>The unfinished scenario this pickle continues, or null if it starts afresh.</summary>
    public ResumableScenario? Continues(TestCaseInfo testCase) => Find(testCase) is { Finished: false } open ? open : null;

    private ResumableScenario? Find(TestCaseInfo testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        return _latest.GetValueOrDefault((testCase.Feature.Uri, testCase.Line, testCase.Pickle.Name));
    }
}
