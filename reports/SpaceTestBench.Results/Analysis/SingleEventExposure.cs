using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>One exposure of a single-event test: an ion at some LET and tilt, a fluence, and the events counted.</summary>
/// <param name="LinearEnergyTransfer">The ion's LET at normal incidence.</param>
/// <param name="Tilt">Angle between the beam and the die normal.</param>
/// <param name="Fluence">Fluence delivered, measured normal to the beam.</param>
/// <param name="Events">Events of the effect counted.</param>
/// <param name="BitsExposed">Bits exposed, for a per-bit cross-section; null for the whole device.</param>
/// <param name="FluenceUncertainty">Relative standard uncertainty (k = 1) of the fluence from the beam's dosimetry (0.1 for ±10 %); null if not stated.</param>
public sealed record SingleEventExposure(Quantity LinearEnergyTransfer, Quantity Tilt, Quantity Fluence, long Events, long? BitsExposed = null, double? FluenceUncertainty = null);
