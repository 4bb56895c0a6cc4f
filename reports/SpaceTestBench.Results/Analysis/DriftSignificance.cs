using System.Globalization;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Whether the parametric drifts with dose at all: the F-test of each drift law against a constant,
/// F = ((RSS₀ − RSS)/(k − 1))/(RSS/(N − k)) on k − 1 and N − k degrees of freedom (exact for the straight line under
/// normal scatter), the straight line always and every other law the data identify. The drift is significant if the
/// smallest p-value is below (1 − confidence)/m, m the number of tests made (Bonferroni), so trying several laws does
/// not raise the false-alarm rate above 1 − confidence. A drift the tests cannot tell from scatter is "no significant
/// drift": no law is chosen and no failure dose given.
/// </summary>
/// <param name="Law">The law with the smallest p-value.</param>
/// <param name="F">Its F statistic.</param>
/// <param name="NumeratorDegreesOfFreedom">k − 1.</param>
/// <param name="DenominatorDegreesOfFreedom">N − k.</param>
/// <param name="PValue">The probability of an F this large without drift.</param>
/// <param name="Tests">m, the number of laws tested.</param>
/// <param name="Confidence">The level the test is made at.</param>
public sealed record DriftSignificance(DriftModel Law, double F, int NumeratorDegreesOfFreedom, int DenominatorDegreesOfFreedom, double PValue, int Tests, double Confidence)
{
    private string LawName => ParametricDriftAnalysis.Describe(Law) is var name && name.EndsWith(" law", StringComparison.Ordinal) ? name : name + " law";

    /// <summary>True if the drift is significant at <see cref="Confidence"/>.</summary>
    public bool Significant => PValue < (1 - Confidence) / Tests;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"F-test of the {LawName} against a constant: F = {F:0.##} on {NumeratorDegreesOfFreedom} and {DenominatorDegreesOfFreedom} degrees of freedom, p = {PValue:0.####}, {(Significant ? "significant" : "not significant")} at {Confidence * 100:0.#} % over {Tests} law(s) tested (Bonferroni)");
}
