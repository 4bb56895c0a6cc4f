using System.Text;
using Io.Cucumber.Messages.Types;

namespace SpaceTestBench.Gherkin.Messages;

/// <summary>
/// Writes envelopes as newline-delimited JSON (<c>messages.ndjson</c>), one flushed line per message, so
/// the stream is readable while the run goes on and complete up to the last message if it is cut short.
/// </summary>
public sealed class NdjsonMessageWriter : IMessageSink, IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;

    /// <summary>Writes to <paramref name="writer"/> (not disposed by this writer).</summary>
    public NdjsonMessageWriter(TextWriter writer)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    private NdjsonMessageWriter(TextWriter writer, bool ownsWriter)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    public static NdjsonMessageWriter Create(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return new NdjsonMessageWriter(new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" }, ownsWriter: true);
    }

    /// <inheritdoc />
    public void Write(Envelope envelope)
    {
        _writer.Write(MessageJson.Serialize(envelope));
        _writer.Write('\n');
        _writer.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }
}
