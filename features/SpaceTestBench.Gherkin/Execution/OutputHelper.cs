using System.Globalization;
using Io.Cucumber.Messages.Types;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>
/// The <see cref="IReqnrollOutputHelper"/> of one scenario (or of the test-run hooks): turns output into
/// attachments of whichever step or hook is running now.
/// </summary>
internal sealed class OutputHelper(MessageEmitter emitter) : IReqnrollOutputHelper
{
    private readonly List<Attachment> _attachments = [];

    /// <summary>The test case attempt running, if any.</summary>
    public string? TestCaseStartedId { get; set; }

    /// <summary>The test step running, if any.</summary>
    public string? TestStepId { get; set; }

    /// <summary>The test-run hook running, if any.</summary>
    public string? TestRunHookStartedId { get; set; }

    public IReadOnlyList<Attachment> Attachments
    {
        get
        {
            lock (_attachments)
            {
                return [.. _attachments];
            }
        }
    }

    public void WriteLine(string message) => Add(message, AttachmentContentEncoding.IDENTITY, "text/x.cucumber.log+plain", null);

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(CultureInfo.InvariantCulture, format, args));

    public void AddAttachment(string filePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        Attach(File.ReadAllBytes(filePath), MediaTypes.FromFileName(filePath), Path.GetFileName(filePath));
    }

    public void Attach(string text, string mediaType, string? fileName = null) => Add(text, AttachmentContentEncoding.IDENTITY, mediaType, fileName);

    public void Attach(ReadOnlySpan<byte> data, string mediaType, string? fileName = null) =>
        Add(Convert.ToBase64String(data), AttachmentContentEncoding.BASE64, mediaType, fileName);

    public void Link(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Add(uri.OriginalString, AttachmentContentEncoding.IDENTITY, "text/uri-list", null);
    }

    private void Add(string body, AttachmentContentEncoding encoding, string mediaType, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(mediaType);
        var attachment = new Attachment(
            body, encoding, fileName, mediaType, null, TestCaseStartedId, TestStepId, null, null, TestRunHookStartedId, emitter.Now());
        lock (_attachments)
        {
            _attachments.Add(attachment);
        }

        emitter.Emit(Envelope.Create(attachment));
    }
}

/// <summary>Media types of attached files, by extension.</summary>
internal static class MediaTypes
{
    public static string FromFileName(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".svg" => "image/svg+xml",
        ".pdf" => "application/pdf",
        ".json" => "application/json",
        ".xml" => "application/xml",
        ".html" or ".htm" => "text/html",
        ".txt" or ".log" => "text/plain",
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };
}
