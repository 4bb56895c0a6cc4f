using System.Globalization;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Anritsu;

/// <summary>
/// Anritsu MP1900A bit-error-rate tester (one pulse-pattern generator and error detector pair). Results come
/// from :CALCulate:DATA:EALarm? as quoted strings, "-------" when the tester has nothing to report; the
/// gating period is written as days,hours,minutes,seconds.
/// </summary>
public sealed class AnritsuMP1900A(IMessageBasedSession session) : ScpiInstrument(session), IBitErrorTester
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "Anritsu MP1900A";

    private static readonly int[] PrbsLengths = [7, 9, 10, 11, 15, 20, 23, 31];

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override string ExpectedModelField => "MP1900A";

    /// <inheritdoc />
    public async Task SetPrbsPatternAsync(int polynomialLength, CancellationToken cancellationToken = default)
    {
        if (Array.IndexOf(PrbsLengths, polynomialLength) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(polynomialLength), polynomialLength, $"The {Model} generates PRBS {string.Join(", ", PrbsLengths)}.");
        }

        await WriteAsync($":SOUR:PATT:TYPE PRBS;:SOUR:PATT:PRBS:LENG {polynomialLength}", cancellationToken);
        await WriteAsync($":SENS:PATT:TYPE PRBS;:SENS:PATT:PRBS:LENG {polynomialLength}", cancellationToken);
    }

    /// <inheritdoc />
    public async Task StartAsync(TimeSpan? gatingPeriod, CancellationToken cancellationToken = default)
    {
        if (gatingPeriod is { } period)
        {
            if (period < TimeSpan.FromSeconds(1) || period.Ticks % TimeSpan.TicksPerSecond != 0 || period.Days > 99)
            {
                throw new ArgumentOutOfRangeException(nameof(gatingPeriod), period, "The gating period is whole seconds from 1 s to 99 days.");
            }

            await WriteAsync($":SENS:MEAS:EAL:MODE SING;:SENS:MEAS:EAL:PER {period.Days},{period.Hours},{period.Minutes},{period.Seconds}", cancellationToken);
        }
        else
        {
            await WriteAsync($":SENS:MEAS:EAL:MODE UNT", cancellationToken);
        }

        await WriteAsync($":SENS:MEAS:STAR", cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken = default) => WriteAsync($":SENS:MEAS:STOP", cancellationToken);

    /// <inheritdoc />
    public Task<bool> IsMeasuringAsync(CancellationToken cancellationToken = default) =>
        QueryBooleanAsync($":SENS:MEAS:EAL:STAT?", cancellationToken);

    /// <inheritdoc />
    public async Task<BitErrorResult> ReadResultAsync(CancellationToken cancellationToken = default)
    {
        var errors = await ItemAsync("CURRent:EC:TOTal", cancellationToken);
        var bits = await ItemAsync("CURRent:CC:TOTal", cancellationToken);
        var ratio = await ItemAsync("CURRent:ER:TOTal", cancellationToken);
        return new BitErrorResult(errors is { } e ? (long)e : null, bits, ratio);
    }

    /// <inheritdoc />
    public override Task SafeStateAsync(CancellationToken cancellationToken = default) => StopAsync(cancellationToken);

    private async Task<double?> ItemAsync(string item, CancellationToken cancellationToken)
    {
        var command = $":CALC:DATA:EAL? \"{item}\"";
        var response = await QueryAsync($"{command}", cancellationToken);
        var value = response.Trim('"');
        if (value.Length > 0 && value.All(c => c == '-'))
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new VisaProtocolException(Resource, $"expected a quoted number after '{command}' but the tester answered '{Shorten(response)}'.");
    }
}
