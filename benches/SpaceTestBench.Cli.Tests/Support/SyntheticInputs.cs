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

    public static string Link(string folder, int seed) => Link(folder, seed, "OOK", withColumn: false);

    /// <summary>
    /// A waterfall of a <paramref name="modulation"/> receiver: OOK with Q = 6 at −30 dBm; DPSK, BPSK and PPM with n = 20 photons
    /// per bit at −30 dBm (x ∝ P); 2e9 bits per point, 0.5 dB steps over the waterfall.
    /// </summary>
    public static string Link(string folder, int seed, string modulation, bool withColumn = true)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(withColumn ? "received power [dBm],errors,bits,modulation\n" : "received power [dBm],errors,bits\n");
        var (low, high) = LinkRange(modulation);
        for (var dbm = low; dbm <= high + 1e-9; dbm += 0.5)
        {
            var mean = 2e9 * Ber(modulation, dbm);
            var errors = mean <= 0 ? 0 : mean < 1e5 ? Poisson.Sample(random, mean) : (long)Math.Round(Normal.Sample(random, mean, Math.Sqrt(mean)));
            csv.Append(CultureInfo.InvariantCulture, $"{dbm},{errors},2000000000{(withColumn ? "," + modulation : "")}\n");
        }

        return Write(folder, $"link-{modulation}-{seed}.csv", csv);
    }

    /// <summary>The BER of the synthetic receiver at <paramref name="dbm"/>.</summary>
    public static double Ber(string modulation, double dbm)
    {
        var scale = Math.Pow(10, (dbm + 30) / 10);
        return modulation switch
        {
            "OOK" => 0.5 * SpecialFunctions.Erfc(6 * scale / Math.Sqrt(2)),
            "BPSK" => 0.5 * SpecialFunctions.Erfc(Math.Sqrt(2 * 5 * scale)),
            _ => 0.5 * Math.Exp(-20 * scale),
        };
    }

    private static (double Low, double High) LinkRange(string modulation) => modulation switch
    {
        "OOK" => (-33, -28),
        "BPSK" => (-36, -28.5),
        _ => (-37, -29.5),
    };

    /// <summary>The received power (dBm) at which the synthetic receiver reaches <paramref name="ber"/>.</summary>
    public static double SensitivityOf(string modulation, double ber)
    {
        var x = modulation switch
        {
            "OOK" => Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * ber) / 6,
            "BPSK" => Math.Pow(SpecialFunctions.ErfcInv(2 * ber), 2) / 2 / 5,
            _ => -Math.Log(2 * ber) / 20,
        };
        return -30 + (10 * Math.Log10(x));
    }

    /// <summary>A ladder whose parametric does not drift: 302 mA with 0.5 mA of noise.</summary>
    public static string FlatTid(string folder, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("dose [krad(Si)],core supply current [mA]\n");
        foreach (var dose in new[] { 0.0, 5, 10, 20, 30, 50, 75, 100, 150 })
        {
            csv.Append(CultureInfo.InvariantCulture, $"{dose},{302 + Normal.Sample(random, 0, 0.5):0.###}\n");
        }

        return Write(folder, "flat-tid.csv", csv);
    }

    /// <summary>A linear drift of 0.8 mA per krad(Si) from 300 mA to 150 krad(Si), two samples, 3 mA of noise.</summary>
    public static string LinearTid(string folder, int seed, int rows = 9)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("sample,dose [krad(Si)],core supply current [mA]\n");
        var doses = new[] { 0.0, 5, 10, 20, 30, 50, 75, 100, 150 };
        for (var sample = 1; sample <= 2; sample++)
        {
            for (var i = 0; i < rows; i++)
            {
                var dose = doses[i % doses.Length];
                csv.Append(CultureInfo.InvariantCulture, $"{sample},{dose},{300 + (0.8 * dose) + Normal.Sample(random, 0, 3):0.###}\n");
            }
        }

        return Write(folder, $"linear-tid-{rows}.csv", csv);
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
