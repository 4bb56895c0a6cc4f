using System.Globalization;
using System.Text;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace SpaceTestBench.Cli.Tests.Support;

/// <summary>Seeded synthetic CSV inputs for <c>spacebench analyze</c>, from known parameters.</summary>
internal static class SyntheticInputs
{
    public const double Saturated = 5e-6, Threshold = 1.5, Width = 20, Shape = 1.8;
    public const double P0 = 200, Coefficient = 0.5, Exponent = 1.6;
    public static readonly double FailureDose = Math.Pow((450 - P0) / Coefficient, 1 / Exponent);

    public static string See(string folder, int seed, double fluence = 3e7)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("# synthetic heavy-ion exposures\nLET [MeV·cm²/mg],tilt [°],fluence [ions/cm²],events\n");
        foreach (var (let, tilt) in new[] { (1.0, 0.0), (2, 0), (3, 0), (5, 0), (8, 0), (12, 0), (18, 0), (25, 0), (35, 0), (45, 0), (60, 0), (75, 0), (25, 45), (45, 45) })
        {
            var cosine = Math.Cos(tilt * Math.PI / 180);
            var effective = let / cosine;
            var sigma = effective <= Threshold ? 0 : Saturated * -SpecialFunctions.Expm1(-Math.Pow((effective - Threshold) / Width, Shape));
            var events = sigma > 0 ? Poisson.Sample(random, fluence * cosine * sigma) : 0;
            csv.Append(CultureInfo.InvariantCulture, $"{let},{tilt},{fluence},{events}\n");
        }

        return Write(folder, "see.csv", csv);
    }

    public static string Tid(string folder, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("dose [krad(Si)],anneal [h],DUT supply current [mA]\n");
        foreach (var dose in new[] { 0.0, 5, 10, 20, 30, 50, 75, 100 })
        {
            for (var sample = 0; sample < 3; sample++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{dose},,{P0 + (Coefficient * Math.Pow(dose, Exponent)) + Normal.Sample(random, 0, 3):0.###}\n");
            }
        }

        csv.Append("100,24,800\n100,168,640\n");
        return Write(folder, "tid.csv", csv);
    }

    public static string Link(string folder, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("received power [dBm],errors,bits\n");
        for (var dbm = -33.0; dbm <= -28.0; dbm += 0.5)
        {
            var mean = 2e9 * 0.5 * SpecialFunctions.Erfc(6 * Math.Exp(Math.Log(10) / 10 * (dbm + 30)) / Math.Sqrt(2));
            var errors = mean <= 0 ? 0 : mean < 1e5 ? Poisson.Sample(random, mean) : (long)Math.Round(Normal.Sample(random, mean, Math.Sqrt(mean)));
            csv.Append(CultureInfo.InvariantCulture, $"{dbm},{errors},2000000000\n");
        }

        return Write(folder, "link.csv", csv);
    }

    /// <summary>The sensitivity at 1e-9 of the receiver <see cref="Link"/> draws from (Q = 6 at −30 dBm, Q ∝ P).</summary>
    public static double Sensitivity => -30 + (Math.Log(Math.Sqrt(2) * SpecialFunctions.ErfcInv(2e-9) / 6) / (Math.Log(10) / 10));

    public static string Write(string folder, string name, StringBuilder content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content.ToString());
        return path;
    }
}
