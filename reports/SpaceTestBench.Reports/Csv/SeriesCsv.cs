using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Csv;

/// <summary>
/// A series at full resolution as CSV (<c>series/&lt;id&gt;-&lt;name&gt;.csv</c>): two columns whose
/// headers carry the units, x first. For a time series x is seconds of bench time since the origin
/// named in the header.
/// </summary>
public static class SeriesCsv
{
    /// <summary>Folder of the series files in the run folder.</summary>
    public const string Folder = "series";

    /// <summary>The file name of <paramref name="series"/>.</summary>
    public static string FileNameOf(SeriesInfo series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var slug = string.Concat(series.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');
        return string.Create(CultureInfo.InvariantCulture, $"{series.SeriesId:D3}-{slug}.csv");
    }

    /// <summary>The header of the x column.</summary>
    public static string XHeader(SeriesInfo series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.Kind == SeriesKind.Time
            ? $"time [s since {series.Origin.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}]"
            : $"{series.XName} [{series.XUnit.Symbol}]";
    }

    /// <summary>Writes <paramref name="series"/> to <paramref name="path"/>.</summary>
    public static void Write(SeriesResult series, string path)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.WriteField(XHeader(series.Info));
        csv.WriteField($"{series.Info.Name} [{series.Info.YUnit.Symbol}]");
        csv.NextRecord();
        var xs = series.X.Span;
        var ys = series.Y.Span;
        for (var i = 0; i < xs.Length; i++)
        {
            // Round-trip formatting: the CSV holds exactly the stored doubles.
            csv.WriteField(xs[i].ToString("R", CultureInfo.InvariantCulture), shouldQuote: false);
            csv.WriteField(ys[i].ToString("R", CultureInfo.InvariantCulture), shouldQuote: false);
            csv.NextRecord();
        }
    }
}
