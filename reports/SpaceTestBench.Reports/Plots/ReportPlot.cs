using ScottPlot;

namespace SpaceTestBench.Reports.Plots;

/// <summary>One figure of the report: built with ScottPlot, saved as PNG and SVG, embedded as SVG.</summary>
public abstract class ReportPlot
{
    /// <summary>File-name-safe id, unique within the run ("cross-section-seu-events").</summary>
    public abstract string Id { get; }

    /// <summary>The figure's title.</summary>
    public abstract string Title { get; }

    /// <summary>What the figure shows and how to read it.</summary>
    public abstract string Caption { get; }

    /// <summary>Which report section the figure belongs in.</summary>
    public abstract PlotSection Section { get; }

    /// <summary>The analysis set or series the figure draws, so the report can place it beside its tables.</summary>
    public virtual object? Subject => null;

    /// <summary>Builds the ScottPlot plot for a figure <paramref name="width"/> pixels wide (traces are decimated to it).</summary>
    public abstract Plot Build(int width);

    /// <summary>A file-name-safe slug of <paramref name="text"/>.</summary>
    protected static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = string.Concat(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Trim('-');
    }
}
