namespace SpaceTestBench.Gherkin;

/// <summary>
/// Output from a step or hook into the run's report, beyond Reqnroll's own <c>Reqnroll.IReqnrollOutputHelper</c> (which
/// bindings should use for lines and files): attach text or bytes with a media type, and links, which Reqnroll 3.3.4
/// cannot. Every scenario gets one attaching to its running step or hook (a Cucumber <c>attachment</c>); the test-run
/// hooks get the run's, whose attachments belong to no test case.
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
