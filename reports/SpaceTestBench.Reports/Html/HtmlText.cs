using System.Globalization;
using System.Text;
using SpaceTestBench.Reports.Plots;
using SpaceTestBench.Results;

namespace SpaceTestBench.Reports.Html;

/// <summary>The small pieces every section writes: escaped text, times, verdict cells, figures.</summary>
internal static class HtmlText
{
    // Only the five markup characters: the page is UTF-8, so "cm²" and "≤" stay readable in the source.
    public static string E(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("<>&\"'") < 0)
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    public static string Css(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    /// <summary>A verdict as the reader sees it: a measurement recorded without a verdict shows a dash titled "not judged" (its decision text says why), not the enum's name.</summary>
    public static string VerdictSpan(Verdict verdict) => verdict == Verdict.NotSet
        ? "<span class=\"verdict notset\" title=\"not judged\">—</span>"
        : $"<span class=\"verdict {Css(verdict)}\">{verdict}</span>";

    public static string G(double value, string format = "G5") => double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);

    public static StringBuilder Row(this StringBuilder html, params string[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            html.Append("<td>").Append(cell).Append("</td>");
        }

        return html.Append("</tr>\n");
    }

    public static StringBuilder Head(this StringBuilder html, params string[] headings)
    {
        html.Append("<thead><tr>");
        foreach (var heading in headings)
        {
            html.Append("<th>").Append(E(heading)).Append("</th>");
        }

        return html.Append("</tr></thead><tbody>\n");
    }

    public static StringBuilder Fact(this StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    /// <summary>A figure with its SVG embedded as a data URI (no ids leak between plots, nothing fetched).</summary>
    public static StringBuilder Figure(this StringBuilder html, PlotFiles plot) => html.Append(CultureInfo.InvariantCulture,
        $"<figure id=\"plot-{E(plot.Plot.Id)}\" class=\"plot\">\n<img alt=\"{E(plot.Plot.Title)}\" width=\"{PlotFiles.Width}\" height=\"{PlotFiles.Height}\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(plot.Svg))}\">\n<figcaption><b>{E(plot.Plot.Title)}.</b> {E(plot.Plot.Caption)} <span class=\"files\">(plots/{E(plot.Plot.Id)}.png, .svg)</span></figcaption>\n</figure>\n");

    public static string Link(string relativePath, string text) => $"<a href=\"{E(relativePath)}\">{E(text)}</a>";
}
