namespace SpaceTestBench.Gherkin;

/// <summary>
/// Output from a step or hook into the run's report (Reqnroll <c>IReqnrollOutputHelper</c>, same name so
/// Reqnroll bindings compile unchanged). Everything written becomes a Cucumber <c>attachment</c> of the
/// running step or hook. Beyond Reqnroll: attach text or bytes with a media type, and links.
/// </summary>
public interface IReqnrollOutputHelper
{
    /// <summary>Logs a line (media type <c>text/x.cucumber.log+plain</c>).</summary>
    void WriteLine(string message);

    /// <summary>Logs a formatted line (invariant culture).</summary>
    void WriteLine(string format, params object[] args);

    /// <summary>Attaches a file's content (base64), named by the file, media type from its extension.</summary>
    void AddAttachment(string filePath);

    /// <summary>Attaches text as it is, e.g. JSON with <c>application/json</c>.</summary>
    void Attach(string text, string mediaType, string? fileName = null);

    /// <summary>Attaches bytes (base64 on the wire), e.g. a PNG screenshot with <c>image/png</c>.</summary>
    void Attach(ReadOnlySpan<byte> data, string mediaType, string? fileName = null);

    /// <summary>Attaches a link (<c>text/uri-list</c>).</summary>
    void Link(Uri uri);
}
