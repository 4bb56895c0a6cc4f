namespace SpaceTestBench.Steps.Planning;

/// <summary>One step of a planned scenario.</summary>
/// <param name="Index">Its index in the scenario, from 0.</param>
/// <param name="Text">Its text.</param>
/// <param name="Line">Its line in the feature file.</param>
/// <param name="Estimate">Its bench time.</param>
public sealed record StepPlan(int Index, string Text, int Line, StepEstimate Estimate);

/// <summary>One planned scenario: its steps' bench times and their sum.</summary>
/// <param name="FeatureUri">The feature file, relative to the features root.</param>
/// <param name="Name">The scenario's name.</param>
/// <param name="Line">Its line (an outline's example row).</param>
/// <param name="Steps">Its steps.</param>
public sealed record ScenarioPlan(string FeatureUri, string Name, int Line, IReadOnlyList<StepPlan> Steps)
{
    /// <summary>The samples the scenario mounts that the campaign has not mounted before (fresh ones, or one in place of a sample a destructive test used).</summary>
    public int Samples { get; init; }

    /// <summary>"radiation/total-ionizing-dose.feature:30".</summary>
    public string Location => $"{FeatureUri}:{Line}";

    /// <summary>The bench time the scenario takes; null when a step's is unknown (see <see cref="KnownBenchTime"/>).</summary>
    public TimeSpan? BenchTime => Steps.Any(s => s.Estimate.Kind == EstimateKind.Unknown) ? null : KnownBenchTime;

    /// <summary>The sum of the steps whose bench time is known (bounds counted at their bound).</summary>
    public TimeSpan KnownBenchTime => Steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.Estimate.Duration ?? TimeSpan.Zero));

    /// <summary>Whether some step is only bounded (the scenario may end sooner).</summary>
    public bool Bounded => Steps.Any(s => s.Estimate.Kind == EstimateKind.AtMost);

    /// <summary>Steps whose bench time is unknown.</summary>
    public IEnumerable<StepPlan> Unknown => Steps.Where(s => s.Estimate.Kind == EstimateKind.Unknown);
}

/// <summary>
/// A campaign's plan before it starts: each scenario's bench time from its steps' parameters, the total, and
/// when it ends on a real bench started now. The facility's calibration gate compares <see cref="EndsOnRealBench"/>
/// with the instruments' calibration due dates.
/// </summary>
/// <param name="Scenarios">The scenarios, in run order.</param>
/// <param name="PlannedAt">Wall-clock time the plan was made (a real bench would start then).</param>
public sealed record CampaignPlan(IReadOnlyList<ScenarioPlan> Scenarios, DateTimeOffset PlannedAt)
{
    /// <summary>The campaign's bench time; null when some step's is unknown (see <see cref="KnownBenchTime"/>).</summary>
    public TimeSpan? Total => Scenarios.Any(s => s.BenchTime is null) ? null : KnownBenchTime;

    /// <summary>The samples the campaign needs, in mounting order over its scenarios: what <c>--sample</c> must name at least.</summary>
    public int Samples => Scenarios.Sum(s => s.Samples);

    /// <summary>The sum of what is known.</summary>
    public TimeSpan KnownBenchTime => Scenarios.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.KnownBenchTime);

    /// <summary>When the campaign ends on a real bench (wall clock = bench time) started at <see cref="PlannedAt"/>; at least this late when some step is unknown.</summary>
    public DateTimeOffset EndsOnRealBench => PlannedAt + KnownBenchTime;

    /// <summary>Each scenario's bench time in run order (null where unknown), as progress carries it.</summary>
    public IReadOnlyList<TimeSpan?> ScenarioBenchTimes => Scenarios.Select(s => s.BenchTime).ToList();
}
