namespace SpaceTestBench.Results.Recording;

/// <summary>Receives result events in order. Sinks are called under the recorder's lock, one event at a time.</summary>
public interface IResultSink
{
    /// <summary>Takes one event. A durable sink has committed it when this returns.</summary>
    void Emit(ResultEvent resultEvent);
}
