namespace SpaceTestBench.Visa.Scpi;

/// <summary>Numeric limits of a parameter: its unit, range and the values of MINimum, MAXimum, DEFault.</summary>
/// <param name="Unit">Unit suffix accepted (e.g. "V", "A", "HZ"); empty for unitless.</param>
/// <param name="Minimum">Smallest accepted value (MIN).</param>
/// <param name="Maximum">Largest accepted value (MAX).</param>
/// <param name="Default">Value of DEF.</param>
public sealed record ScpiNumericRange(string Unit, double Minimum, double Maximum, double Default);
