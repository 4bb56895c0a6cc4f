using SpaceTestBench.Gherkin;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// The <c>{quantity}</c> parameter type: a number with its unit as written in feature text ("1.8 V",
/// "95 %", "100 ms", "36 rad(Si)/h", "1e7 ions/cm²"). Parsed by the one quantity parser, so a unit the
/// facility does not know is an error, never a guess.
/// </summary>
[Binding]
public sealed class QuantityTransformations
{
    /// <summary>Number, optional exponent or ×10^n, then an optional unit token.</summary>
    public const string QuantityRegex = @"[-+−]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?:\s*×\s*10\^[-+]?\d+)?(?:\s*[^\s\d,;][^\s,;]*)?";

    /// <summary>Parses a quantity from step text.</summary>
    [StepArgumentTransformation(QuantityRegex, Name = "quantity")]
    public static Quantity ToQuantity(string text) => QuantityParser.Parse(text);
}
