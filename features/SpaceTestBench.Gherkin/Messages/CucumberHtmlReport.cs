using Cucumber.HtmlFormatter;
using Io.Cucumber.Messages.Types;

namespace SpaceTestBench.Gherkin.Messages;

/// <summary>
/// Cucumber's own HTML report of a run (the <c>Cucumber.HtmlFormatter</c> package: the page cucumber-js and
/// Reqnroll write), made from the run's Cucumber Messages once the run has ended. The qualification report
/// stays the product's own; this page is for step authors, in the form their tools know.
/// </summary>
public static class CucumberHtmlReport
{
    /// <summary>Writes (or replaces) the page at <paramref name="path"/> from <paramref name="envelopes"/>, in protocol order.</summary>
    public static async Task WriteAsync(string path, IEnumerable<Envelope> envelopes, string title, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(envelopes);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        await using (file.ConfigureAwait(false))
        {
            var writer = new MessagesToHtmlWriter(
                file,
                static async (stream, envelope) => await stream.WriteAsync(MessageJson.Serialize(envelope)).ConfigureAwait(false),
                new HtmlReportSettings { Title = title });
            foreach (var envelope in envelopes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(envelope).ConfigureAwait(false);
            }

            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
