namespace SpaceTestBench.Results.Recording;

/// <summary>A file kept with the results: a screen capture, a DUT log, an instrument's raw buffer.</summary>
/// <param name="BenchTime">When it was attached.</param>
/// <param name="ScenarioId">The scenario, if any.</param>
/// <param name="StepIndex">The step, if any.</param>
/// <param name="Name">A file name for it ("dut-console.log").</param>
/// <param name="MediaType">Its media type ("text/plain", "image/png").</param>
/// <param name="Content">Its bytes.</param>
public sealed record AttachmentRecorded(
    DateTimeOffset BenchTime,
    string? ScenarioId,
    int? StepIndex,
    string Name,
    string MediaType,
    ReadOnlyMemory<byte> Content) : ResultEvent(BenchTime);
