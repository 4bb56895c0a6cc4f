using SpaceTestBench.Results.Analysis;

namespace SpaceTestBench.Reports;

/// <summary>How a report is rendered.</summary>
public sealed record ReportOptions
{
    /// <summary>Stability and dwell criteria for temperature profiles.</summary>
    public ThermalCriteria ThermalCriteria { get; init; } = ThermalCriteria.Default;

    /// <summary>Confidence level of every interval in the report.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>The version the report names as its renderer.</summary>
    public string RenderedBy { get; init; } = typeof(ReportOptions).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Why a signed report is rendered again (the amendment's reason, ISO/IEC 17025 §7.8.8); null: a default reason.</summary>
    public string? AmendmentReason { get; init; }

    /// <summary>
    /// The run is still recording (<c>spacebench report</c> on a live run): the report says "in progress" rather
    /// than "interrupted", and its unfinished scenario is one still running.
    /// </summary>
    public bool InProgress { get; init; }

    /// <summary>The wall clock the rendering time is read from.</summary>
    public TimeProvider WallClock { get; init; } = TimeProvider.System;
}
