namespace SpaceTestBench.Results.Progress;

/// <summary>
/// Receives progress events. Called on the publisher's thread, so a sink returns at once: one that writes
/// to a file or a terminal keeps the latest picture and writes it at its own pace.
/// </summary>
public interface IProgressSink
{
    /// <summary>Takes one event.</summary>
    void Publish(ProgressEvent progress);
}
