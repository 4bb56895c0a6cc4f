namespace SpaceTestBench.Cli.Analyze;

/// <summary>An analysis input file is wrong; the message names the file, line and column and says what to do.</summary>
public sealed class InputException(string message) : Exception(message);
