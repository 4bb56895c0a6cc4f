namespace SpaceTestBench.Gherkin.Bindings;

/// <summary>A binding that cannot work as declared; names the method.</summary>
public sealed class BindingException(string message, Exception? inner = null) : Exception(message, inner);
