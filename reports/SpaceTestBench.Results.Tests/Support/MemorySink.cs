using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Tests.Support;

/// <summary>Keeps every event it is given, in order.</summary>
internal sealed class MemorySink : IResultSink
{
    public List<ResultEvent> Events { get; } = [];

    public void Emit(ResultEvent resultEvent) => Events.Add(resultEvent);
}
