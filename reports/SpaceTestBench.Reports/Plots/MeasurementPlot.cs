using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Plots;

/// <summary>
/// A plot of one measured quantity against one of the conditions it was measured under (supply current
/// versus supply voltage), with its limits drawn as a band and failing points marked.
/// </summary>
/// <param name="Name">The measurement name.</param>
/// <param name="Condition">The condition on the x axis.</param>
/// <param name="XUnit">Display unit of x.</param>
/// <param name="YUnit">Display unit of y.</param>
/// <param name="Points">The points, in x order.</param>
public sealed record MeasurementPlot(string Name, string Condition, Unit XUnit, Unit YUnit, IReadOnlyList<PlotPoint> Points)
{
    /// <summary>A file-name-safe id ("dut-supply-current-vs-dut-supply-voltage").</summary>
    public string Id => Slug($"{Name} vs {Condition}");

    /// <summary>Finds every measurement/condition pair worth plotting: at least two points, x and y numeric in consistent units.</summary>
    public static IReadOnlyList<MeasurementPlot> From(RunResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plots = new List<MeasurementPlot>();
        foreach (var group in results.Measurements.GroupBy(m => m.Name))
        {
            var measurements = group.ToList();
            var condition = measurements[0].Conditions.Keys.FirstOrDefault(key => measurements.All(m => m.Conditions.ContainsKey(key)));
            if (condition is null || measurements.Count < 2)
            {
                continue;
            }

            var xUnit = measurements[0].Conditions[condition].Unit;
            var yUnit = measurements[0].Value.Unit;
            if (measurements.Any(m => m.Conditions[condition].Dimension != xUnit.Dimension || m.Value.Dimension != yUnit.Dimension))
            {
                continue;
            }

            var points = measurements
                .Select(m => new PlotPoint(
                    m.Conditions[condition].In(xUnit), m.Value.In(yUnit),
                    m.Limit is null ? null : Bound(m.Limit, low: true, yUnit), m.Limit is null ? null : Bound(m.Limit, low: false, yUnit),
                    m.Verdict, m.ScenarioId))
                .OrderBy(p => p.X)
                .ToList();
            plots.Add(new MeasurementPlot(group.Key, condition, xUnit, yUnit, points));
        }

        return plots;
    }

    private static double? Bound(Limit limit, bool low, Unit unit) => limit.Comparison switch
    {
        LimitComparison.EQT => (limit.Nominal!.Value.SiValue + ((low ? -1 : 1) * Math.Abs(limit.Tolerance!.Value.SiValue))) is var si ? unit.FromSi(si) : null,
        _ => (low ? limit.Low : limit.High)?.In(unit),
    };

    private static string Slug(string text) =>
        string.Concat(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-').Replace("--", "-", StringComparison.Ordinal);
}

/// <summary>One plotted point with the limits that applied to it.</summary>
/// <param name="X">Condition value.</param>
/// <param name="Y">Measured value.</param>
/// <param name="Low">Lower limit at this point, if any.</param>
/// <param name="High">Upper limit at this point, if any.</param>
/// <param name="Verdict">The measurement's verdict.</param>
/// <param name="ScenarioId">The scenario that measured it.</param>
public sealed record PlotPoint(double X, double Y, double? Low, double? High, Verdict Verdict, string ScenarioId);
