namespace SpaceTestBench.Results.Quantities;

/// <summary>
/// The physical dimension of a quantity as exponents of the SI base dimensions, plus information (bit),
/// which SI treats as a count but which must not be confused with frequency ("10 Gbps" is not "10 GHz").
/// Two quantities can be compared or added only if their dimensions are equal.
/// </summary>
public readonly record struct Dimension(
    sbyte Length = 0,
    sbyte Mass = 0,
    sbyte Time = 0,
    sbyte Current = 0,
    sbyte Temperature = 0,
    sbyte Amount = 0,
    sbyte Luminosity = 0,
    sbyte Information = 0)
{
    /// <summary>A pure number: ratios, percentages, counts.</summary>
    public static readonly Dimension None;

    /// <summary>Length (m).</summary>
    public static readonly Dimension LengthDim = new(Length: 1);

    /// <summary>Mass (kg).</summary>
    public static readonly Dimension MassDim = new(Mass: 1);

    /// <summary>Time (s).</summary>
    public static readonly Dimension TimeDim = new(Time: 1);

    /// <summary>Electric current (A).</summary>
    public static readonly Dimension CurrentDim = new(Current: 1);

    /// <summary>Thermodynamic temperature (K).</summary>
    public static readonly Dimension TemperatureDim = new(Temperature: 1);

    /// <summary>Information (bit).</summary>
    public static readonly Dimension InformationDim = new(Information: 1);

    /// <summary>Frequency (Hz = s⁻¹).</summary>
    public static Dimension Frequency => TimeDim.Pow(-1);

    /// <summary>Energy (J = kg·m²·s⁻²).</summary>
    public static Dimension Energy => MassDim * LengthDim.Pow(2) * TimeDim.Pow(-2);

    /// <summary>Power (W = J/s).</summary>
    public static Dimension Power => Energy / TimeDim;

    /// <summary>Electric potential (V = W/A).</summary>
    public static Dimension Voltage => Power / CurrentDim;

    /// <summary>Resistance (Ω = V/A).</summary>
    public static Dimension Resistance => Voltage / CurrentDim;

    /// <summary>Capacitance (F = A·s/V).</summary>
    public static Dimension Capacitance => CurrentDim * TimeDim / Voltage;

    /// <summary>Absorbed dose (Gy = J/kg).</summary>
    public static Dimension AbsorbedDose => Energy / MassDim;

    /// <summary>Absorbed dose rate (Gy/s).</summary>
    public static Dimension AbsorbedDoseRate => AbsorbedDose / TimeDim;

    /// <summary>Area (m²).</summary>
    public static Dimension Area => LengthDim.Pow(2);

    /// <summary>Particle fluence (particles per area, m⁻²).</summary>
    public static Dimension Fluence => LengthDim.Pow(-2);

    /// <summary>Particle flux (m⁻²·s⁻¹).</summary>
    public static Dimension Flux => Fluence / TimeDim;

    /// <summary>Linear energy transfer per mass thickness (J·m²/kg, as MeV·cm²/mg).</summary>
    public static Dimension LinearEnergyTransfer => Energy * Area / MassDim;

    /// <summary>Pressure (Pa = N/m²).</summary>
    public static Dimension Pressure => MassDim / LengthDim / TimeDim.Pow(2);

    /// <summary>Data rate (bit/s).</summary>
    public static Dimension DataRate => InformationDim / TimeDim;

    /// <summary>Product of two dimensions (exponents add).</summary>
    public static Dimension operator *(Dimension a, Dimension b) => new(
        (sbyte)(a.Length + b.Length), (sbyte)(a.Mass + b.Mass), (sbyte)(a.Time + b.Time),
        (sbyte)(a.Current + b.Current), (sbyte)(a.Temperature + b.Temperature), (sbyte)(a.Amount + b.Amount),
        (sbyte)(a.Luminosity + b.Luminosity), (sbyte)(a.Information + b.Information));

    /// <summary>Quotient of two dimensions (exponents subtract).</summary>
    public static Dimension operator /(Dimension a, Dimension b) => a * b.Pow(-1);

    /// <summary>Named alternative to <c>*</c>.</summary>
    public static Dimension Multiply(Dimension left, Dimension right) => left * right;

    /// <summary>Named alternative to <c>/</c>.</summary>
    public static Dimension Divide(Dimension left, Dimension right) => left / right;

    /// <summary>This dimension raised to an integer power.</summary>
    public Dimension Pow(int n) => new(
        (sbyte)(Length * n), (sbyte)(Mass * n), (sbyte)(Time * n), (sbyte)(Current * n),
        (sbyte)(Temperature * n), (sbyte)(Amount * n), (sbyte)(Luminosity * n), (sbyte)(Information * n));

    private static readonly (Dimension Dimension, string Name)[] Names =
    [
        (None, "dimensionless"), (LengthDim, "length"), (MassDim, "mass"), (TimeDim, "time"),
        (CurrentDim, "current"), (TemperatureDim, "temperature"), (InformationDim, "information"),
        (Frequency, "frequency"), (Energy, "energy"), (Power, "power"), (Voltage, "voltage"),
        (Resistance, "resistance"), (Capacitance, "capacitance"), (AbsorbedDose, "absorbed dose"), (AbsorbedDoseRate, "absorbed dose rate"),
        (Area, "area"), (Fluence, "fluence"), (Flux, "flux"), (LinearEnergyTransfer, "linear energy transfer"),
        (Pressure, "pressure"), (DataRate, "data rate"),
    ];

    /// <summary>A human name for the dimension ("voltage"), or its SI exponent form if it has none.</summary>
    public override string ToString()
    {
        foreach (var (dimension, name) in Names)
        {
            if (dimension == this)
            {
                return name;
            }
        }

        var parts = new List<string>();
        void Add(string symbol, sbyte exponent)
        {
            if (exponent != 0)
            {
                parts.Add(exponent == 1 ? symbol : $"{symbol}^{exponent}");
            }
        }

        Add("m", Length);
        Add("kg", Mass);
        Add("s", Time);
        Add("A", Current);
        Add("K", Temperature);
        Add("mol", Amount);
        Add("cd", Luminosity);
        Add("bit", Information);
        return string.Join("·", parts);
    }
}
