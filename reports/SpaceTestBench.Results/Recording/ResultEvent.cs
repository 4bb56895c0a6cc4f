namespace SpaceTestBench.Results.Recording;

/// <summary>
/// Something that happened during a run, in the order it happened. Results flow as events through one
/// recorder into sinks (the durable store, console progress), as log events flow through Serilog.
/// </summary>
/// <param name="BenchTime">When it happened on the bench clock (virtual on a simulated bench).</param>
public abstract record ResultEvent(DateTimeOffset BenchTime);
