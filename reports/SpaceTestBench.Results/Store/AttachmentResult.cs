namespace SpaceTestBench.Results.Store;

/// <summary>An attached file as recorded.</summary>
/// <param name="Sequence">Its position in recording order.</param>
/// <param name="BenchTime">When it was attached.</param>
/// <param name="ScenarioId">The scenario, if any.</param>
/// <param name="StepIndex">The step, if any.</param>
/// <param name="Name">Its file name.</param>
/// <param name="MediaType">Its media type.</param>
/// <param name="Content">Its bytes.</param>
public sealed record AttachmentResult(
    long Sequence,
    DateTimeOffset BenchTime,
    string? ScenarioId,
    int? StepIndex,
    string Name,
    string MediaType,
    ReadOnlyMemory<byte> Content);
