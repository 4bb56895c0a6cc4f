using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>
/// Something that happened during a run, in the order it happened. Results flow as events through one
/// recorder into sinks (the durable store, console progress), as log events flow through Serilog.
/// </summary>
/// <param name="BenchTime">When it happened on the bench clock (virtual on a simulated bench).</param>
public abstract record ResultEvent(DateTimeOffset BenchTime);

/// <summary>Who, what and where a run is: enough provenance to reproduce it.</summary>
/// <param name="RunId">The run folder's name.</param>
/// <param name="BenchName">The bench definition's name.</param>
/// <param name="BenchFile">Path of the bench definition file.</param>
/// <param name="DutName">The DUT profile's display name.</param>
/// <param name="DutFile">Path of the DUT profile file.</param>
/// <param name="Operator">Who ran it.</param>
/// <param name="SoftwareVersion">Version of SpaceTestBench.</param>
/// <param name="StartedWall">Wall-clock start.</param>
/// <param name="Properties">Further provenance (host, commit, command line).</param>
public sealed record RunInfo(
    string RunId,
    string BenchName,
    string BenchFile,
    string DutName,
    string DutFile,
    string Operator,
    string SoftwareVersion,
    DateTimeOffset StartedWall,
    IReadOnlyDictionary<string, string> Properties);

/// <summary>The run began.</summary>
public sealed record RunStarted(DateTimeOffset BenchTime, RunInfo Run) : ResultEvent(BenchTime);

/// <summary>The run ended.</summary>
public sealed record RunFinished(DateTimeOffset BenchTime, DateTimeOffset FinishedWall, Verdict Verdict) : ResultEvent(BenchTime);

/// <summary>Identity of a scenario (one pickle, one attempt) within a run.</summary>
/// <param name="ScenarioId">Unique within the run.</param>
/// <param name="FeatureUri">The feature file, relative to the features root.</param>
/// <param name="FeatureName">The feature's title.</param>
/// <param name="RuleName">The enclosing Rule, if any.</param>
/// <param name="Name">The scenario's (interpolated) name.</param>
/// <param name="Line">Line of the scenario (or example row) in the feature file.</param>
/// <param name="Tags">Tags including inherited ones, with '@'.</param>
public sealed record ScenarioInfo(
    string ScenarioId,
    string FeatureUri,
    string FeatureName,
    string? RuleName,
    string Name,
    int Line,
    IReadOnlyList<string> Tags);

/// <summary>A scenario began.</summary>
public sealed record ScenarioStarted(DateTimeOffset BenchTime, ScenarioInfo Scenario) : ResultEvent(BenchTime);

/// <summary>A scenario ended.</summary>
public sealed record ScenarioFinished(DateTimeOffset BenchTime, string ScenarioId, Verdict Verdict, string? Message) : ResultEvent(BenchTime);

/// <summary>Outcome of a step as the Gherkin layer reports it.</summary>
public enum StepOutcome
{
    /// <summary>Ran and passed.</summary>
    Passed,

    /// <summary>Ran and failed.</summary>
    Failed,

    /// <summary>Not run because an earlier step did not pass.</summary>
    Skipped,

    /// <summary>Marked as not implemented yet.</summary>
    Pending,

    /// <summary>No binding matches its text.</summary>
    Undefined,

    /// <summary>More than one binding matches its text.</summary>
    Ambiguous,
}

/// <summary>A step ended.</summary>
public sealed record StepFinished(
    DateTimeOffset BenchTime,
    string ScenarioId,
    int StepIndex,
    string Keyword,
    string Text,
    int Line,
    StepOutcome Outcome,
    TimeSpan Duration,
    string? Message) : ResultEvent(BenchTime);

/// <summary>A measured value with its limits and verdict.</summary>
/// <param name="BenchTime">When it was measured.</param>
/// <param name="ScenarioId">The scenario that measured it.</param>
/// <param name="StepIndex">Index of the step within the scenario.</param>
/// <param name="Name">What was measured ("DUT supply current").</param>
/// <param name="Value">The measured quantity.</param>
/// <param name="Limit">The limits it was judged against, if any.</param>
/// <param name="Verdict">Pass/Fail from the limits, NotSet if it has none.</param>
/// <param name="Role">The bench role that measured it.</param>
/// <param name="Instrument">The instrument's identity (model and serial).</param>
/// <param name="Conditions">The conditions it was measured under ("DUT supply voltage" = 1.71 V).</param>
public sealed record MeasurementRecorded(
    DateTimeOffset BenchTime,
    string ScenarioId,
    int StepIndex,
    string Name,
    Quantity Value,
    Limit? Limit,
    Verdict Verdict,
    string? Role,
    string? Instrument,
    IReadOnlyDictionary<string, Quantity> Conditions) : ResultEvent(BenchTime);

/// <summary>Something the bench observed that is not a measurement: SEL, SEU, interlock trip, instrument fault.</summary>
public sealed record BenchEventRecorded(
    DateTimeOffset BenchTime,
    string? ScenarioId,
    string Kind,
    string? Role,
    string Message) : ResultEvent(BenchTime);
