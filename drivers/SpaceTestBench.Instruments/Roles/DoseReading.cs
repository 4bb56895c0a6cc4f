namespace SpaceTestBench.Instruments.Roles;

/// <summary>A dosimeter reading.</summary>
/// <param name="Gray">Accumulated dose in silicon, Gy.</param>
/// <param name="RelativeUncertainty">Expanded relative uncertainty (k = 2) the facility states for it.</param>
public readonly record struct DoseReading(double Gray, double RelativeUncertainty);
