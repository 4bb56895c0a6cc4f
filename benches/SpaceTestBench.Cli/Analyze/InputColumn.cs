using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Cli.Analyze;

/// <summary>A column of an analysis input: its name, its unit from the header ("LET [MeV·cm²/mg]") and its 1-based position.</summary>
/// <param name="Name">The name before the brackets.</param>
/// <param name="Unit">The unit in the brackets; <see cref="Units.One"/> for a count without brackets.</param>
/// <param name="Number">1-based column number, for messages.</param>
/// <param name="Header">The header as written.</param>
public sealed record InputColumn(string Name, Unit Unit, int Number, string Header);
