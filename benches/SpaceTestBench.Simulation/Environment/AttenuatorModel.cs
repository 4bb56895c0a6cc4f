namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// One channel of a variable optical attenuator: the attenuation moves to its setting at the programmed
/// transition speed; the shutter blocks the light; the insertion loss is always there.
/// </summary>
internal sealed class AttenuatorModel(double insertionLossDecibels)
{
    public double InsertionLossDecibels { get; } = insertionLossDecibels;

    /// <summary>Programmed attenuation, dB.</summary>
    public double Setting { get; private set; }

    /// <summary>Attenuation the filter is at now, dB.</summary>
    public double Actual { get; private set; }

    /// <summary>Transition speed, dB/s.</summary>
    public double SpeedDecibelsPerSecond { get; set; } = 100;

    public bool ShutterOpen { get; set; }

    public double WavelengthMetres { get; set; } = 1550e-9;

    /// <summary>Output power the power-control loop holds, W; null when power control is off.</summary>
    public double? PowerControlWatts { get; set; }

    public bool Moving => Actual != Setting;

    public double SuggestedStep => Moving ? Math.Max(1e-4, Math.Abs(Setting - Actual) / SpeedDecibelsPerSecond / 20) : double.PositiveInfinity;

    /// <summary>Power transmission of the channel, linear.</summary>
    public double Transmission => ShutterOpen ? Math.Pow(10, -(InsertionLossDecibels + Actual) / 10) : 0;

    public void Set(double decibels) => Setting = decibels;

    /// <summary>Power control: re-aims the attenuation at the held output power for this input power.</summary>
    public void Track(double inputWatts, double maximumDecibels)
    {
        if (PowerControlWatts is { } goal && inputWatts > 0)
        {
            var needed = (10 * Math.Log10(inputWatts / goal)) - InsertionLossDecibels;
            Setting = Math.Clamp(needed, 0, maximumDecibels);
        }
    }

    public void Advance(double seconds)
    {
        var step = SpeedDecibelsPerSecond * seconds;
        Actual = Setting >= Actual ? Math.Min(Setting, Actual + step) : Math.Max(Setting, Actual - step);
    }
}
