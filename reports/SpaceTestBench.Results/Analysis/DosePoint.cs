using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>A parametric measured after a total ionising dose (and, for anneal steps, after an anneal time at a temperature).</summary>
/// <param name="Dose">Total ionising dose accumulated (0 for the pre-irradiation reference).</param>
/// <param name="Value">The parametric measured.</param>
/// <param name="AnnealTime">Anneal time after irradiation; null during irradiation.</param>
/// <param name="AnnealTemperature">Temperature of the anneal, if recorded.</param>
public sealed record DosePoint(Quantity Dose, Quantity Value, Quantity? AnnealTime = null, Quantity? AnnealTemperature = null)
{
    /// <summary>True for a measurement taken during the anneal that follows irradiation.</summary>
    public bool IsAnneal => AnnealTime is not null;
}
