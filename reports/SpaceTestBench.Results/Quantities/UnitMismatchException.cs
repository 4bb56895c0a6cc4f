namespace SpaceTestBench.Results.Quantities;

/// <summary>Thrown when quantities of different dimensions meet, e.g. a current checked against a voltage limit.</summary>
public sealed class UnitMismatchException(string message) : Exception(message);
