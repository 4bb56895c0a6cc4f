using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>A parametric measured after a total ionising dose (and, for anneal steps, after an anneal time).</summary>
/// <param name="Dose">Total ionising dose accumulated.</param>
/// <param name="Value">The parametric measured.</param>
/// <param name="AnnealTime">Anneal time after irradiation; null during irradiation.</param>
public sealed record DosePoint(Quantity Dose, Quantity Value, Quantity? AnnealTime = null)
{
    /// <summary>True for a measurement taken during the anneal that follows irradiation.</summary>
    public bool IsAnneal => AnnealTime is not null;
}
