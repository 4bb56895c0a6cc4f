using System.Globalization;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// A fitted parameter with its standard error and a confidence interval, all in the unit of the value.
/// The interval is computed where the fit is closest to normal (for positive parameters, on the log
/// scale), so it can be asymmetric about the value; the standard error is the delta-method one.
/// </summary>
/// <param name="Name">What it is ("saturated cross-section σsat").</param>
/// <param name="Value">The estimate.</param>
/// <param name="StandardError">Its standard error; NaN if the data do not determine it.</param>
/// <param name="Lower">Lower confidence bound; NaN if undetermined.</param>
/// <param name="Upper">Upper confidence bound; NaN if undetermined.</param>
/// <param name="Confidence">Confidence level of the bounds (0.95).</param>
public sealed record FittedParameter(string Name, Quantity Value, double StandardError, double Lower, double Upper, double Confidence)
{
    /// <summary>A parameter whose interval is symmetric: value ± z·SE.</summary>
    public static FittedParameter Symmetric(string name, Quantity value, double standardError, double confidence = 0.95)
    {
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (confidence / 2));
        return new FittedParameter(name, value, standardError, value.Value - (z * standardError), value.Value + (z * standardError), confidence);
    }

    /// <summary>The standard error as a quantity.</summary>
    public Quantity Uncertainty => new(StandardError, Value.Unit);

    /// <summary>True if the data determined the parameter (finite standard error).</summary>
    public bool Determined => double.IsFinite(StandardError);

    /// <summary>True if <paramref name="value"/> (in the parameter's unit) lies within the confidence bounds.</summary>
    public bool Covers(double value) => value >= Lower && value <= Upper;

    /// <summary>"σsat = 5.02e-06 ± 2.1e-07 cm² (95 %: 4.6e-06 … 5.4e-06)".</summary>
    public override string ToString()
    {
        var unit = string.IsNullOrEmpty(Value.Unit.Symbol) ? "" : " " + Value.Unit.Symbol;
        if (!Determined)
        {
            return $"{Name} = {G(Value.Value, "G5")}{unit} (not determined by the data)";
        }

        return $"{Name} = {G(Value.Value, "G5")} ± {G(StandardError, "G3")}{unit} ({Confidence * 100:0.#} %: {G(Lower, "G4")} … {G(Upper, "G4")})";
    }

    private static string G(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
