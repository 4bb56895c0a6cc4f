using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates an R&amp;S NGP804 four-channel supply (32 V / 20 A, 200 W per channel). Commands act on the
/// channel chosen with INSTrument:NSELect or INSTrument OUTn; a channel delivers power only when its output
/// is selected and the master switch (OUTPut:GENeral) is on. The 200 W envelope lowers the effective current
/// limit at high voltage. The electronic fuse trips a channel after its delay in current limit.
/// </summary>
public sealed class RohdeSchwarzNgp804Simulator : SimulatedScpiInstrument, ISimulatedSupply
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "R&S NGP804";

    private const int ChannelCount = 4;
    private const double MaxVolts = 32.0;
    private const double MaxAmperes = 20.0;
    private const double MaxWatts = 200.0;
    private readonly Random _noise;
    private readonly double[] _programmedCurrent = new double[ChannelCount];
    private readonly bool[] _selected = new bool[ChannelCount];
    private bool _general;
    private int _instrument = 1;

    /// <summary>A simulator acting on <paramref name="facility"/>, answering *IDN? with <paramref name="serialNumber"/>.</summary>
    public RohdeSchwarzNgp804Simulator(SimulatedFacility facility, string serialNumber, int seed)
        : base(new InstrumentIdentity("Rohde&Schwarz", "NGP804", serialNumber, "2.025"), facility)
    {
        _noise = RandomStreams.ReadingNoise(seed, "NGP804:readback", facility);
        Channels = Enumerable.Range(0, ChannelCount).Select(_ => new SimulatedSupplyChannel(MaxVolts, MaxAmperes)).ToArray();
        ResetState();
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <summary>The four outputs (index 0 = OUT1).</summary>
    public IReadOnlyList<SimulatedSupplyChannel> Channels { get; }

    /// <inheritdoc />
    public IReadOnlyList<SimulatedSupplyChannel> Outputs => Channels;

    private SimulatedSupplyChannel Selected => Channels[_instrument - 1];

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Command("INSTrument:NSELect", ctx => World(() => _instrument = ctx.Parameter(0).AsInteger(1, ChannelCount)))
            .Query("INSTrument:NSELect?", _ => World(() => ScpiFormat.Nr1(_instrument)))
            .Command("INSTrument[:SELect]", ctx => World(() => _instrument = OutputName(ctx.Parameter(0).Text)))
            .Query("INSTrument[:SELect]?", _ => World(() => $"OUT{_instrument}"))
            .Command("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]", ctx => World(() =>
            {
                Selected.VoltageSetting = ctx.Parameter(0).AsNumber(new ScpiNumericRange("V", 0, MaxVolts, 0));
                ApplyPowerEnvelope(_instrument - 1);
            }))
            .Query("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]?", _ => World(() => ScpiFormat.Nr3(Selected.VoltageSetting)))
            .Command("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]", ctx => World(() =>
            {
                _programmedCurrent[_instrument - 1] = ctx.Parameter(0).AsNumber(new ScpiNumericRange("A", 0.001, MaxAmperes, MaxAmperes));
                ApplyPowerEnvelope(_instrument - 1);
            }))
            .Query("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]?", _ => World(() => ScpiFormat.Nr3(_programmedCurrent[_instrument - 1])))
            .Command("[SOURce:]VOLTage:PROTection[:LEVel]", ctx => World(() =>
                Selected.OverVoltageLevel = ctx.Parameter(0).AsNumber(new ScpiNumericRange("V", 0, MaxVolts * 1.1, MaxVolts * 1.1))))
            .Query("[SOURce:]VOLTage:PROTection[:LEVel]?", _ => World(() => ScpiFormat.Nr3(Selected.OverVoltageLevel)))
            .Query("[SOURce:]VOLTage:PROTection:TRIPped?", _ => World(() => ScpiFormat.Boolean(Selected.Tripped.HasFlag(SupplyTrip.OverVoltage))))
            .Command("[SOURce:]VOLTage:PROTection:CLEar", _ => World(() => ClearTrip(SupplyTrip.OverVoltage)))
            .Command("FUSE[:STATe]", ctx => World(() => Selected.OverCurrentProtection = ctx.Parameter(0).AsBoolean()))
            .Query("FUSE[:STATe]?", _ => World(() => ScpiFormat.Boolean(Selected.OverCurrentProtection)))
            .Command("FUSE:DELay[:INITial]", ctx => World(() =>
                Selected.OverCurrentDelaySeconds = ctx.Parameter(0).AsNumber(new ScpiNumericRange("S", 0, 10, 0))))
            .Query("FUSE:DELay[:INITial]?", _ => World(() => ScpiFormat.Nr3(Selected.OverCurrentDelaySeconds)))
            .Query("FUSE:TRIPped?", _ => World(() => ScpiFormat.Boolean(Selected.Tripped.HasFlag(SupplyTrip.OverCurrent))))
            .Command("FUSE:TRIPped:CLEar", _ => World(() => ClearTrip(SupplyTrip.OverCurrent)))
            .Command("OUTPut:SELect", ctx => World(() =>
            {
                var on = ctx.Parameter(0).AsBoolean();
                RefuseIfTripped(on);
                _selected[_instrument - 1] = on;
                ApplyOutputs();
            }))
            .Query("OUTPut:SELect?", _ => World(() => ScpiFormat.Boolean(SelectedOn(_instrument - 1))))
            .Command("OUTPut:GENeral[:STATe]", ctx => World(() =>
            {
                _general = ctx.Parameter(0).AsBoolean();
                ApplyOutputs();
            }))
            .Query("OUTPut:GENeral[:STATe]?", _ => World(() => ScpiFormat.Boolean(_general)))
            .Command("OUTPut[:STATe]", ctx => World(() =>
            {
                var on = ctx.Parameter(0).AsBoolean();
                RefuseIfTripped(on);
                _selected[_instrument - 1] = on;
                _general |= on;
                ApplyOutputs();
            }))
            .Query("OUTPut[:STATe]?", _ => World(() => ScpiFormat.Boolean(Selected.OutputOn)))
            .Query("MEASure[:SCALar]:VOLTage[:DC]?", _ => World(() => ScpiFormat.Nr3(Noisy(Selected.OperatingPoint(Facility.Clock.GetUtcNow()).Volts, 1e-3))))
            .Query("MEASure[:SCALar]:CURRent[:DC]?", _ => World(() => ScpiFormat.Nr3(Noisy(Selected.ReadCurrent(Facility.Clock.GetUtcNow()), 2e-4))));
    }

    /// <inheritdoc />
    protected override void Reset() => World(ResetState);

    private static int OutputName(string text)
    {
        var upper = text.ToUpperInvariant();
        if (upper.StartsWith("OUT", StringComparison.Ordinal) && int.TryParse(upper[3..], System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= ChannelCount)
        {
            return n;
        }

        throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo(text));
    }

    private void ResetState()
    {
        for (var i = 0; i < ChannelCount; i++)
        {
            Channels[i].Reset();
            Channels[i].OverVoltageLevel = MaxVolts * 1.1;
            _programmedCurrent[i] = MaxAmperes;
            _selected[i] = false;
            ApplyPowerEnvelope(i);
        }

        _general = false;
        _instrument = 1;
    }

    private bool SelectedOn(int index) => _selected[index] && Channels[index].Tripped == SupplyTrip.None;

    private void ApplyOutputs()
    {
        for (var i = 0; i < ChannelCount; i++)
        {
            Channels[i].OutputOn = _general && SelectedOn(i);
        }
    }

    private void ApplyPowerEnvelope(int index)
    {
        var channel = Channels[index];
        channel.CurrentLimit = Math.Min(_programmedCurrent[index], MaxWatts / Math.Max(channel.VoltageSetting, 0.1));
    }

    private void RefuseIfTripped(bool on)
    {
        if (on && Selected.Tripped != SupplyTrip.None)
        {
            throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo("protection tripped; clear it first"));
        }
    }

    private void ClearTrip(SupplyTrip which)
    {
        Selected.ClearProtection(which);
        _selected[_instrument - 1] = false;
        ApplyOutputs();
    }

    private double Noisy(double value, double sigma) => value + (sigma * _noise.NextGaussian());
}
