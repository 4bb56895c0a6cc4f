using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Store;

/// <summary>A measurement as recorded.</summary>
/// <param name="Sequence">Its position in the run's recording order.</param>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="StepIndex">The step.</param>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The measured quantity.</param>
/// <param name="Limit">The limits it was judged against, if any.</param>
/// <param name="Verdict">Its verdict.</param>
/// <param name="BenchTime">When it was measured.</param>
/// <param name="Role">The bench role that measured it.</param>
/// <param name="Instrument">The instrument's identity.</param>
/// <param name="Conditions">The conditions it was measured under.</param>
public sealed record MeasurementResult(
    long Sequence,
    string ScenarioId,
    int StepIndex,
    string Name,
    Quantity Value,
    Limit? Limit,
    Verdict Verdict,
    DateTimeOffset BenchTime,
    string? Role,
    string? Instrument,
    IReadOnlyDictionary<string, Quantity> Conditions)
{
    /// <summary>How the verdict was decided when not by simple acceptance (see <see cref="Recording.MeasurementRecorded.Decision"/>); null otherwise.</summary>
    public string? Decision { get; init; }

    /// <summary>
    /// Where its limit comes from, as its decision states it (the steps write "limit from …" or "limit set by the
    /// procedure: …", <c>LimitSources</c>): the text after "limit from " up to the next "; ", or "the procedure: …";
    /// null when the decision names no source (a measurement without a limit, or a limit whose step states none).
    /// </summary>
    public string? LimitSource => Decision?.Split("; ")
        .Select(part => part.StartsWith(SourcePrefix, StringComparison.Ordinal) ? part[SourcePrefix.Length..]
            : part.StartsWith(ProcedurePrefix, StringComparison.Ordinal) ? part[ProcedurePrefix.Length..] : null)
        .FirstOrDefault(source => source is not null);

    private const string SourcePrefix = "limit from ";
    private const string ProcedurePrefix = "limit set by ";
}
