using System.Globalization;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates an Anritsu MP1900A bit-error-rate tester (one PPG/ED pair): PRBS pattern selection on the
/// generator and the detector, a timed (single) or untimed gating period, start/stop, and the error/alarm
/// results of the current or last measurement as quoted strings (<c>"-------"</c> when there is nothing
/// to report). The error detector clocks the DUT receiver's output at the DUT's line rate; with no signal
/// it counts nothing, out of sync it counts every other bit as wrong.
/// </summary>
public sealed class AnritsuMP1900ASimulator : SimulatedScpiInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Anritsu MP1900A";

    private static readonly int[] PrbsLengths = [7, 9, 10, 11, 15, 20, 23, 31];
    private readonly BitErrorCounter _counter;
    private bool _untimed;
    private double _periodSeconds = 1;

    /// <summary>A simulator acting on <paramref name="facility"/>; <paramref name="measuresDut"/> if its detector sees the DUT receiver.</summary>
    public AnritsuMP1900ASimulator(SimulatedFacility facility, string serialNumber, bool measuresDut)
        : base(new InstrumentIdentity("ANRITSU", "MP1900A", serialNumber, "9.02.00"), facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        _counter = facility.AttachBitErrorTester(measuresDut);
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Command("SOURce:PATTern:TYPE", ctx => PatternType(ctx))
            .Query("SOURce:PATTern:TYPE?", _ => "PRBS")
            .Command("SOURce:PATTern:PRBS:LENGth", ctx => World(() => _counter.GeneratorPrbsLength = PrbsLength(ctx)))
            .Query("SOURce:PATTern:PRBS:LENGth?", _ => World(() => ScpiFormat.Nr1(_counter.GeneratorPrbsLength)))
            .Command("SENSe:PATTern:TYPE", ctx => PatternType(ctx))
            .Query("SENSe:PATTern:TYPE?", _ => "PRBS")
            .Command("SENSe:PATTern:PRBS:LENGth", ctx => World(() => _counter.DetectorPrbsLength = PrbsLength(ctx)))
            .Query("SENSe:PATTern:PRBS:LENGth?", _ => World(() => ScpiFormat.Nr1(_counter.DetectorPrbsLength)))
            .Command("SENSe:MEASure:EALarm:PERiod", ctx => World(() => SetPeriod(ctx)))
            .Query("SENSe:MEASure:EALarm:PERiod?", _ => World(() => DaysHoursMinutesSeconds(_periodSeconds)))
            .Command("SENSe:MEASure:EALarm:MODE", ctx => World(() =>
            {
                var mode = ctx.Parameter(0).AsChoice("SINGle", "REPeat", "UNTimed");
                if (mode == "REPEAT")
                {
                    throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo("REPeat gating is not simulated; use SINGle or UNTimed"));
                }

                _untimed = mode == "UNTIMED";
            }))
            .Query("SENSe:MEASure:EALarm:MODE?", _ => World(() => _untimed ? "UNT" : "SING"))
            .Command("SENSe:MEASure:STARt", _ => World(() =>
            {
                _counter.GatingSeconds = _untimed ? null : _periodSeconds;
                _counter.Start();
            }))
            .Command("SENSe:MEASure:STOP", _ => World(_counter.Stop))
            .Query("SENSe:MEASure:EALarm:STATe?", _ => World(() => ScpiFormat.Boolean(_counter.Measuring)))
            .Query("SENSe:MEASure:EALarm:ELAPsed?", _ => World(() => DaysHoursMinutesSeconds(_counter.ElapsedSeconds)))
            .Query("CALCulate:DATA:EALarm?", ctx => World(() => Result(ctx.Parameter(0).AsString())));
    }

    /// <inheritdoc />
    protected override void Reset() => World(() =>
    {
        _counter.Stop();
        _counter.GeneratorPrbsLength = 31;
        _counter.DetectorPrbsLength = 31;
        _periodSeconds = 1;
        _untimed = false;
    });

    private static void PatternType(ScpiCommandContext ctx)
    {
        if (ctx.Parameter(0).AsChoice("PRBS", "PRBS", "DATA", "ZSUBstitution", "MIXed", "SEQuence") != "PRBS")
        {
            throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo("only PRBS patterns are simulated"));
        }
    }

    private static int PrbsLength(ScpiCommandContext ctx)
    {
        var length = ctx.Parameter(0).AsInteger(7, 31);
        return Array.IndexOf(PrbsLengths, length) >= 0
            ? length
            : throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo($"PRBS{length}"));
    }

    private void SetPeriod(ScpiCommandContext ctx)
    {
        ctx.AllowParameters(4);
        var days = ctx.Parameter(0).AsInteger(0, 99);
        var hours = ctx.Parameter(1).AsInteger(0, 23);
        var minutes = ctx.Parameter(2).AsInteger(0, 59);
        var seconds = ctx.Parameter(3).AsInteger(0, 59);
        var total = (((days * 24.0) + hours) * 60 + minutes) * 60 + seconds;
        if (total < 1)
        {
            throw new ScpiErrorException(ScpiError.DataOutOfRange.WithInfo("the gating period is at least 1 s"));
        }

        _periodSeconds = total;
    }

    private static string DaysHoursMinutesSeconds(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Floor(seconds));
        return string.Create(CultureInfo.InvariantCulture, $"{span.Days},{span.Hours},{span.Minutes},{span.Seconds}");
    }

    private string Result(string item)
    {
        var bits = Math.Floor(_counter.Bits);
        return item.ToUpperInvariant() switch
        {
            "CURRENT:EC:TOTAL" or "CURR:EC:TOT" => Quote(bits > 0 ? _counter.Errors.ToString(CultureInfo.InvariantCulture) : null),
            "CURRENT:CC:TOTAL" or "CURR:CC:TOT" => Quote(bits > 0 ? bits.ToString("0", CultureInfo.InvariantCulture) : null),
            "CURRENT:ER:TOTAL" or "CURR:ER:TOT" => Quote(bits > 0 ? (_counter.Errors / bits).ToString("0.0000E+00", CultureInfo.InvariantCulture) : null),
            _ => throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo(item)),
        };
    }

    private static string Quote(string? value) => $"\"{value ?? "-------"}\"";
}
