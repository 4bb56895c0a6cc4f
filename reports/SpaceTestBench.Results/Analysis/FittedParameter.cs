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

    /// <summary>"σsat = 5.02E-6 ± 2.1E-7 cm² (95 %: 4.61E-6 … 5.44E-6)": every number to the digit its standard error allows.</summary>
    public override string ToString()
    {
        var unit = string.IsNullOrEmpty(Value.Unit.Symbol) ? "" : " " + Value.Unit.Symbol;
        if (!Determined)
        {
            return $"{Name} = {Format(Value.Value)}{unit} (not determined by the data)";
        }

        return $"{Name} = {Format(Value.Value)} ± {FormatError()}{unit} ({Confidence * 100:0.#} %: {Format(Lower)} … {Format(Upper)})";
    }

    /// <summary>
    /// <paramref name="number"/> (the value or a bound) rounded where this parameter's standard error has its
    /// second significant digit, so no digit is printed that the data do not support and none is lost that they do.
    /// </summary>
    public string Format(double number)
    {
        if (double.IsNaN(number))
        {
            return "—";
        }

        if (!(StandardError > 0) || !double.IsFinite(StandardError))
        {
            return number.ToString("G5", CultureInfo.InvariantCulture);
        }

        var errorExponent = (int)Math.Floor(Math.Log10(StandardError));
        var magnitude = Math.Abs(number);
        if (magnitude >= 1e5 || (magnitude < 1e-3 && magnitude > 0))
        {
            var decimals = Math.Clamp((int)Math.Floor(Math.Log10(magnitude)) - errorExponent + 1, 1, 14);
            return number.ToString("0." + new string('0', decimals) + "E+0", CultureInfo.InvariantCulture);
        }

        return number.ToString("F" + Math.Clamp(1 - errorExponent, 0, 15).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>The standard error to two significant digits.</summary>
    public string FormatError() => Determined ? StandardError.ToString("G2", CultureInfo.InvariantCulture) : "—";
}
