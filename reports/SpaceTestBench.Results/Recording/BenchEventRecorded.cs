using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>Something the bench observed that is not a measurement: SEL, SEU, SEFI, interlock trip, instrument fault.</summary>
/// <param name="BenchTime">When it happened.</param>
/// <param name="ScenarioId">The scenario it happened in, if any.</param>
/// <param name="StepIndex">The step it happened in, if any.</param>
/// <param name="Kind">What it was.</param>
/// <param name="Role">The bench role that saw it.</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="Values">Quantities that describe it ("latch-up current" = 850 mA, "address" = 0x1F00).</param>
public sealed record BenchEventRecorded(
    DateTimeOffset BenchTime,
    string? ScenarioId,
    int? StepIndex,
    BenchEventKind Kind,
    string? Role,
    string Message,
    IReadOnlyDictionary<string, Quantity> Values) : ResultEvent(BenchTime);
