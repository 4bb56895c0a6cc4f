namespace SpaceTestBench.Results.Judging;

/// <summary>What a verdict reason comes from.</summary>
public enum VerdictSource
{
    /// <summary>The verdict the scenario (or run) recorded at its end, or the absence of one.</summary>
    Recorded,

    /// <summary>A step's outcome.</summary>
    Step,

    /// <summary>A measurement judged against its limit.</summary>
    Measurement,

    /// <summary>A judged outcome of an analysis (<see cref="Analysis.AnalysisFinding"/>).</summary>
    Finding,

    /// <summary>A bench event that decides a verdict by itself (the run stopped, a hook failed).</summary>
    Event,

    /// <summary>A result taken with an instrument out of calibration at the time of use (<see cref="CalibrationAtUse"/>).</summary>
    Calibration,
}

/// <summary>One thing that contributed a verdict, in the words the report shows under "Why".</summary>
/// <param name="Verdict">The verdict it contributes.</param>
/// <param name="Source">What it is.</param>
/// <param name="Text">Why, with the value, limit and decision rule where there is one.</param>
/// <param name="StepIndex">The step it belongs to, if any.</param>
public sealed record VerdictReason(Verdict Verdict, VerdictSource Source, string Text, int? StepIndex = null);
